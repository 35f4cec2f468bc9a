// The real LSP client the tests drive `vmspec lsp --stdio` with (it lives in bench/, which measures the server with it too).
export { LspClient } from "../../bench/lsp-client.js";
