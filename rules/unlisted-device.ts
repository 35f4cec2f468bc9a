// A -device (or -usbdevice value) in neither of the statement's lists: a technology preview.
import { optionRule } from "./rule.js";
import { deviceDriver } from "./option-helpers.js";
import { SPECIFIC_DEVICE_RULES } from "./device-notes.js";
import { valuesOf } from "./data/extract.js";

export default optionRule(
  { id: "unlisted-device", defaultSeverity: "warning", description: "a device in neither of the statement's lists (a technology preview)" },
  ({ options, profile, report }) => {
    const usbdevices = valuesOf(profile.data.lists.supportedOptions, "-usbdevice");
    for (const o of options) {
      if (o.flag === "-usbdevice" && o.raw !== undefined) {
        const kind = o.raw.split(":")[0];
        if (!usbdevices.includes(kind)) report(o, { message: `-usbdevice ${kind} is not in the statement's -usbdevice list (${usbdevices.join(", ")})` });
        continue;
      }
      const name = deviceDriver(o);
      if (!name || SPECIFIC_DEVICE_RULES.has(name)) continue;
      if (profile.deviceStatus(name).status !== "unlisted") continue;
      report(o, { message: `-device ${name} is in neither device list of the ${profile.data.title}: it is a technology preview there, not supported`, prop: o.props?.[0]?.key });
    }
  },
);
