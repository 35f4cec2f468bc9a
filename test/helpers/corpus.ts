// The libvirt corpus and its report live with the docs generator (tools/docs/libvirt-corpus.ts).
export {
  CORPUS,
  corpusFiles,
  corpusReport,
  lintCorpusFile,
  libvirtCorpusPage,
  LIBVIRT_CORPUS_DOC,
  REVIEW_NOTES,
} from "../../tools/docs/libvirt-corpus.js";
