/**
 * Messages about the receipt printer (src/host/printing/): see ./types.ts for the rules every message
 * follows. Each ends with its own code, so a cashier can read it to support. Parameters are values
 * the POS made or validated: `{printer}` is "USB 0416:5011" or "USB" (ids only, never a name a
 * device reported), `{name}` a Windows printer name from the validated setting, `{dir}` the
 * validated folder of a `file:` setting, `{ids}` USB ids in hex, numbers. libusb's and the system's own codes
 * (LIBUSB_ERROR_ACCESS, ENOSPC…) go to the log only.
 */
import type { Catalog } from './types.ts';

export const PRINTER_MESSAGES = {
  // — USB: permission, driver, presence —
  'printer.accessLinux': {
    en: 'No permission to use the printer ({printer}): on Linux the udev rule is missing. Install the .deb, or copy resources/linux/60-khqr-pos-printer.rules to /etc/udev/rules.d/, run "sudo udevadm control --reload-rules && sudo udevadm trigger", then unplug and replug the printer. Running the POS with sudo is not the fix (code printer.accessLinux)',
    km: 'គ្មានសិទ្ធិប្រើម៉ាស៊ីនបោះពុម្ព ({printer}) ទេ៖ នៅលើ Linux ខ្វះច្បាប់ udev។ សូមដំឡើងកញ្ចប់ .deb ឬចម្លង resources/linux/60-khqr-pos-printer.rules ទៅ /etc/udev/rules.d/ ដំណើរការ "sudo udevadm control --reload-rules && sudo udevadm trigger" រួចដកខ្សែម៉ាស៊ីនបោះពុម្ពចេញ ហើយដោតចូលវិញ។ ការដំណើរការ POS ជាមួយ sudo មិនមែនជាដំណោះស្រាយទេ (កូដ printer.accessLinux)',
  },
  'printer.accessWindows': {
    en: 'No permission to use the printer ({printer}): on Windows the printer needs the WinUSB driver (install it with Zadig) and no other program may be using it. Without Zadig, choose the printer by its Windows name in Settings → Printer instead (code printer.accessWindows)',
    km: 'គ្មានសិទ្ធិប្រើម៉ាស៊ីនបោះពុម្ព ({printer}) ទេ៖ នៅលើ Windows ម៉ាស៊ីនបោះពុម្ពត្រូវការកម្មវិធីបញ្ជា WinUSB (ដំឡើងដោយប្រើ Zadig) ហើយមិនត្រូវមានកម្មវិធីផ្សេងកំពុងប្រើវាទេ។ បើមិនប្រើ Zadig ទេ សូមជ្រើសម៉ាស៊ីនបោះពុម្ពតាមឈ្មោះ Windows របស់វានៅក្នុង ការកំណត់ → ម៉ាស៊ីនបោះពុម្ព ជំនួសវិញ (កូដ printer.accessWindows)',
  },
  'printer.accessMac': {
    en: 'No permission to use the printer ({printer}): macOS or another program has it (quit other printing programs and remove the printer from System Settings → Printers) (code printer.accessMac)',
    km: 'គ្មានសិទ្ធិប្រើម៉ាស៊ីនបោះពុម្ព ({printer}) ទេ៖ macOS ឬកម្មវិធីផ្សេងកំពុងកាន់វា (សូមបិទកម្មវិធីបោះពុម្ពផ្សេងៗ ហើយដកម៉ាស៊ីនបោះពុម្ពចេញពី System Settings → Printers) (កូដ printer.accessMac)',
  },
  'printer.accessOther': {
    en: 'No permission to use the printer ({printer}): on Linux the udev rule is missing (see the README, Linux); on Windows the printer needs the WinUSB driver (install it with Zadig) (code printer.accessOther)',
    km: 'គ្មានសិទ្ធិប្រើម៉ាស៊ីនបោះពុម្ព ({printer}) ទេ៖ នៅលើ Linux ខ្វះច្បាប់ udev (មើល README ផ្នែក Linux)។ នៅលើ Windows ម៉ាស៊ីនបោះពុម្ពត្រូវការកម្មវិធីបញ្ជា WinUSB (ដំឡើងដោយប្រើ Zadig) (កូដ printer.accessOther)',
  },
  'printer.driver': {
    en: 'The POS cannot talk to the printer ({printer}) directly: choose it by its Windows name in Settings → Printer (no driver change needed), or install the WinUSB driver for it with Zadig (zadig.akeo.ie; pick the printer, choose WinUSB, Replace Driver), which takes the printer away from the Windows print spooler (code printer.driver)',
    km: 'POS មិនអាចទាក់ទងដោយផ្ទាល់ជាមួយម៉ាស៊ីនបោះពុម្ព ({printer}) បានទេ៖ សូមជ្រើសវាតាមឈ្មោះ Windows របស់វានៅក្នុង ការកំណត់ → ម៉ាស៊ីនបោះពុម្ព (មិនចាំបាច់ប្ដូរកម្មវិធីបញ្ជាទេ) ឬដំឡើងកម្មវិធីបញ្ជា WinUSB សម្រាប់វាដោយប្រើ Zadig (zadig.akeo.ie៖ ជ្រើសម៉ាស៊ីនបោះពុម្ព ជ្រើស WinUSB ហើយចុច Replace Driver) ដែលនឹងដកម៉ាស៊ីនបោះពុម្ពចេញពី print spooler របស់ Windows (កូដ printer.driver)',
  },
  'printer.notFound': {
    en: 'The printer ({printer}) was not found: is it plugged in and switched on? (code printer.notFound)',
    km: 'រកមិនឃើញម៉ាស៊ីនបោះពុម្ព ({printer}) ទេ៖ តើវាបានដោតខ្សែ និងបើកហើយឬនៅ? (កូដ printer.notFound)',
  },
  'printer.usbNotPlugged': {
    en: 'The USB printer {ids} is not plugged in (or is switched off): check the cable and the power (code printer.usbNotPlugged)',
    km: 'ម៉ាស៊ីនបោះពុម្ព USB {ids} មិនបានដោតខ្សែទេ (ឬត្រូវបានបិទ)៖ សូមពិនិត្យខ្សែ និងភ្លើង (កូដ printer.usbNotPlugged)',
  },
  'printer.noUsbPrinter': {
    en: 'No USB printer is plugged in (or it is switched off): check the cable and the power (code printer.noUsbPrinter)',
    km: 'មិនមានម៉ាស៊ីនបោះពុម្ព USB ណាមួយដោតខ្សែទេ (ឬវាត្រូវបានបិទ)៖ សូមពិនិត្យខ្សែ និងភ្លើង (កូដ printer.noUsbPrinter)',
  },
  'printer.severalUsb': {
    en: '{count} USB printers are attached ({ids}) and the setting "usb" does not say which one takes receipts: choose the receipt printer in Settings → Printer (code printer.severalUsb)',
    km: 'មានម៉ាស៊ីនបោះពុម្ព USB ចំនួន {count} កំពុងភ្ជាប់ ({ids}) ហើយការកំណត់ "usb" មិនបានបញ្ជាក់ថាមួយណាសម្រាប់បោះពុម្ពវិក្កយបត្រទេ៖ សូមជ្រើសម៉ាស៊ីនបោះពុម្ពវិក្កយបត្រនៅក្នុង ការកំណត់ → ម៉ាស៊ីនបោះពុម្ព (កូដ printer.severalUsb)',
  },
  'printer.noPrinterInterface': {
    en: 'The USB device {ids} has no printer interface to send to: is it really the printer? (code printer.noPrinterInterface)',
    km: 'ឧបករណ៍ USB {ids} គ្មានផ្នែកម៉ាស៊ីនបោះពុម្ពសម្រាប់ផ្ញើទិន្នន័យទៅទេ៖ តើវាពិតជាម៉ាស៊ីនបោះពុម្ពមែនទេ? (កូដ printer.noPrinterInterface)',
  },
  'printer.busyPos': {
    en: 'The printer ({printer}) is already in use by this POS (code printer.busyPos)',
    km: 'ម៉ាស៊ីនបោះពុម្ព ({printer}) កំពុងត្រូវបានប្រើដោយ POS នេះរួចហើយ (កូដ printer.busyPos)',
  },
  'printer.busy': {
    en: "The printer ({printer}) is in use by another program or by the system's printer driver (on Linux the usblp kernel module, which the POS could not detach). Close other printing programs, or remove the printer from the system's printer list, and try again (code printer.busy)",
    km: 'ម៉ាស៊ីនបោះពុម្ព ({printer}) កំពុងត្រូវបានប្រើដោយកម្មវិធីផ្សេង ឬដោយកម្មវិធីបញ្ជាម៉ាស៊ីនបោះពុម្ពរបស់ប្រព័ន្ធ (នៅលើ Linux គឺម៉ូឌុល usblp ដែល POS មិនអាចផ្ដាច់បាន)។ សូមបិទកម្មវិធីបោះពុម្ពផ្សេងៗ ឬដកម៉ាស៊ីនបោះពុម្ពចេញពីបញ្ជីម៉ាស៊ីនបោះពុម្ពរបស់ប្រព័ន្ធ ហើយសាកល្បងម្ដងទៀត (កូដ printer.busy)',
  },
  // — USB: while printing —
  'printer.unplugged': {
    en: 'The printer ({printer}) was unplugged or switched off while printing; this receipt did not finish. Plug it back in and switch it on (code printer.unplugged)',
    km: 'ម៉ាស៊ីនបោះពុម្ព ({printer}) ត្រូវបានដកខ្សែ ឬបិទ ពេលកំពុងបោះពុម្ព ហើយវិក្កយបត្រនេះមិនទាន់ចប់ទេ។ សូមដោតខ្សែចូលវិញ ហើយបើកវា (កូដ printer.unplugged)',
  },
  'printer.vanished': {
    en: 'The printer ({printer}) disappeared while it was being opened: check the cable and that it is switched on (code printer.vanished)',
    km: 'ម៉ាស៊ីនបោះពុម្ព ({printer}) បានបាត់ ពេលកំពុងបើកវា៖ សូមពិនិត្យខ្សែ និងថាវាបានបើកហើយ (កូដ printer.vanished)',
  },
  'printer.stoppedTakingData': {
    en: 'The printer ({printer}) stopped accepting data: is it out of paper, is the cover open, or is the paper jammed? (code printer.stoppedTakingData)',
    km: 'ម៉ាស៊ីនបោះពុម្ព ({printer}) ឈប់ទទួលទិន្នន័យ៖ តើអស់ក្រដាស គម្របបើក ឬក្រដាសជាប់ឬទេ? (កូដ printer.stoppedTakingData)',
  },
  'printer.stalled': {
    en: 'The printer ({printer}) refused the data (USB endpoint stalled): switch the printer off and on again (code printer.stalled)',
    km: 'ម៉ាស៊ីនបោះពុម្ព ({printer}) បានបដិសេធទិន្នន័យ (USB endpoint stalled)៖ សូមបិទម៉ាស៊ីនបោះពុម្ព ហើយបើកវាឡើងវិញ (កូដ printer.stalled)',
  },
  'printer.usbError': {
    en: 'USB error talking to the printer ({printer}): check the cable, then switch the printer off and on again (code printer.usbError)',
    km: 'មានកំហុស USB ពេលទាក់ទងជាមួយម៉ាស៊ីនបោះពុម្ព ({printer})៖ សូមពិនិត្យខ្សែ រួចបិទម៉ាស៊ីនបោះពុម្ព ហើយបើកវាឡើងវិញ (កូដ printer.usbError)',
  },
  'printer.failed': {
    en: 'Problem with the printer ({printer}); the details are in the POS log (code printer.failed)',
    km: 'មានបញ្ហាជាមួយម៉ាស៊ីនបោះពុម្ព ({printer})។ ព័ត៌មានលម្អិតមាននៅក្នុងកំណត់ហេតុ (log) របស់ POS (កូដ printer.failed)',
  },
  'printer.closed': {
    en: 'The connection to the printer ({printer}) was closed because the printer setting changed; the receipt will be tried again (code printer.closed)',
    km: 'ការតភ្ជាប់ទៅម៉ាស៊ីនបោះពុម្ព ({printer}) ត្រូវបានបិទ ដោយសារការកំណត់ម៉ាស៊ីនបោះពុម្ពបានផ្លាស់ប្ដូរ។ វិក្កយបត្រនឹងត្រូវបោះពុម្ពម្ដងទៀត (កូដ printer.closed)',
  },
  // — USB support itself —
  'printer.usbVersion': {
    en: 'USB support has an unexpected version (the POS needs the usb package 2.x); reinstall the POS (code printer.usbVersion)',
    km: 'ផ្នែកគាំទ្រ USB មានកំណែមិនត្រឹមត្រូវ (POS ត្រូវការកញ្ចប់ usb 2.x)៖ សូមដំឡើង POS ឡើងវិញ (កូដ printer.usbVersion)',
  },
  'printer.usbLoad': {
    en: 'USB support could not be loaded; reinstall the POS (code printer.usbLoad)',
    km: 'មិនអាចផ្ទុកផ្នែកគាំទ្រ USB បានទេ៖ សូមដំឡើង POS ឡើងវិញ (កូដ printer.usbLoad)',
  },
  'printer.usbInit': {
    en: 'USB support could not start (libusb error {error}); restart the computer, or reinstall the POS (code printer.usbInit)',
    km: 'ផ្នែកគាំទ្រ USB មិនអាចចាប់ផ្ដើមបានទេ (កំហុស libusb {error})៖ សូមចាប់ផ្ដើមកុំព្យូទ័រឡើងវិញ ឬដំឡើង POS ឡើងវិញ (កូដ printer.usbInit)',
  },
  // — no printer, or a setting that does not parse —
  'printer.notSetUp': {
    en: 'No printer is set up: choose one in Settings → Printer (or set POS_PRINTER) (code printer.notSetUp)',
    km: 'មិនទាន់បានកំណត់ម៉ាស៊ីនបោះពុម្ពទេ៖ សូមជ្រើសមួយនៅក្នុង ការកំណត់ → ម៉ាស៊ីនបោះពុម្ព (ឬកំណត់ POS_PRINTER) (កូដ printer.notSetUp)',
  },
  'printer.settingInvalid': {
    en: 'The printer setting is not valid: choose the printer again in Settings → Printer (code printer.settingInvalid)',
    km: 'ការកំណត់ម៉ាស៊ីនបោះពុម្ពមិនត្រឹមត្រូវទេ៖ សូមជ្រើសម៉ាស៊ីនបោះពុម្ពម្ដងទៀតនៅក្នុង ការកំណត់ → ម៉ាស៊ីនបោះពុម្ព (កូដ printer.settingInvalid)',
  },
  // — file: folder —
  'printer.fileDiskFull': {
    en: 'The disk holding {dir} is full: free some space or choose another folder (code printer.fileDiskFull)',
    km: 'ថាសដែលផ្ទុក {dir} ពេញហើយ៖ សូមបង្កើនទំហំទំនេរ ឬជ្រើសថតផ្សេង (កូដ printer.fileDiskFull)',
  },
  'printer.fileNoPermission': {
    en: 'No permission to write in {dir}: choose a folder this user owns (code printer.fileNoPermission)',
    km: 'គ្មានសិទ្ធិសរសេរក្នុង {dir} ទេ៖ សូមជ្រើសថតដែលអ្នកប្រើនេះជាម្ចាស់ (កូដ printer.fileNoPermission)',
  },
  'printer.fileReadOnly': {
    en: '{dir} is on a read-only disk (is the USB stick write-protected?) (code printer.fileReadOnly)',
    km: '{dir} ស្ថិតនៅលើថាសដែលអាចតែអានបាន (តើ USB stick ត្រូវបានការពារមិនឱ្យសរសេរឬ?) (កូដ printer.fileReadOnly)',
  },
  'printer.fileUnreachable': {
    en: 'The folder {dir} cannot be reached: a folder above it is missing (was the USB stick or network drive removed?) (code printer.fileUnreachable)',
    km: 'មិនអាចចូលដល់ថត {dir} បានទេ៖ ថតខាងលើវាបាត់ (តើ USB stick ឬថាសបណ្ដាញត្រូវបានដកចេញឬ?) (កូដ printer.fileUnreachable)',
  },
  'printer.fileDiskGone': {
    en: 'The disk holding {dir} went away (was the USB stick or network drive removed?) (code printer.fileDiskGone)',
    km: 'ថាសដែលផ្ទុក {dir} បានបាត់ (តើ USB stick ឬថាសបណ្ដាញត្រូវបានដកចេញឬ?) (កូដ printer.fileDiskGone)',
  },
  'printer.fileNotFolder': {
    en: '{dir} cannot be used as the print folder: it, or a folder above it, is a file (code printer.fileNotFolder)',
    km: 'មិនអាចប្រើ {dir} ជាថតបោះពុម្ពបានទេ៖ វា ឬថតខាងលើវា គឺជាឯកសារ (កូដ printer.fileNotFolder)',
  },
  'printer.fileBusy': {
    en: '{dir} is busy (another program is using it) (code printer.fileBusy)',
    km: '{dir} កំពុងជាប់រវល់ (កម្មវិធីផ្សេងកំពុងប្រើវា) (កូដ printer.fileBusy)',
  },
  'printer.fileDiskError': {
    en: 'The disk holding {dir} failed while writing (disk error, or the USB stick was pulled out) (code printer.fileDiskError)',
    km: 'ថាសដែលផ្ទុក {dir} មានបញ្ហាពេលកំពុងសរសេរ (កំហុសថាស ឬ USB stick ត្រូវបានដកចេញ) (កូដ printer.fileDiskError)',
  },
  'printer.fileWriteFailed': {
    en: 'Could not write the print file in {dir}; the details are in the POS log (code printer.fileWriteFailed)',
    km: 'មិនអាចសរសេរឯកសារបោះពុម្ពក្នុង {dir} បានទេ។ ព័ត៌មានលម្អិតមាននៅក្នុងកំណត់ហេតុ (log) របស់ POS (កូដ printer.fileWriteFailed)',
  },
  // — the print queue —
  'printer.renderFailed': {
    en: 'The receipt could not be drawn; the details are in the POS log (code printer.renderFailed)',
    km: 'មិនអាចគូររូបវិក្កយបត្របានទេ។ ព័ត៌មានលម្អិតមាននៅក្នុងកំណត់ហេតុ (log) របស់ POS (កូដ printer.renderFailed)',
  },
  'printer.queueNotSaved': {
    en: 'Cannot update the print queue in the ledger: is the disk full? (code printer.queueNotSaved)',
    km: 'មិនអាចធ្វើបច្ចុប្បន្នភាពជួរបោះពុម្ពក្នុងបញ្ជីកត់ត្រាបានទេ៖ តើថាសពេញឬ? (កូដ printer.queueNotSaved)',
  },
  'printer.unknownFailure': {
    en: 'The printer failed; the details are in the POS log (code printer.unknownFailure)',
    km: 'ម៉ាស៊ីនបោះពុម្ពមានបញ្ហា។ ព័ត៌មានលម្អិតមាននៅក្នុងកំណត់ហេតុ (log) របស់ POS (កូដ printer.unknownFailure)',
  },
  'printer.stoppedWhilePrinting': {
    en: 'The POS stopped while this was printing (code printer.stoppedWhilePrinting)',
    km: 'POS បានឈប់ ពេលកំពុងបោះពុម្ពវិក្កយបត្រនេះ (កូដ printer.stoppedWhilePrinting)',
  },
  'printer.earlierProblem': {
    en: 'A printer problem recorded by an earlier version of the POS (code printer.earlierProblem)',
    km: 'បញ្ហាម៉ាស៊ីនបោះពុម្ពដែលបានកត់ត្រាដោយកំណែមុនរបស់ POS (កូដ printer.earlierProblem)',
  },
  // — the printer setting (Settings → Printer, POS_PRINTER) —
  'printer.settingNotText': {
    en: 'The printer setting must be text: none, usb, usb:<vid>:<pid> (e.g. usb:0416:5011), windows:<printer name> or file:<absolute folder> (code printer.settingNotText)',
    km: 'ការកំណត់ម៉ាស៊ីនបោះពុម្ពត្រូវតែជាអក្សរ៖ none, usb, usb:<vid>:<pid> (ឧ. usb:0416:5011), windows:<ឈ្មោះម៉ាស៊ីនបោះពុម្ព> ឬ file:<ថតពេញលេញ> (កូដ printer.settingNotText)',
  },
  'printer.settingEmpty': {
    en: 'The printer setting is empty: write none, usb, usb:<vid>:<pid> (e.g. usb:0416:5011), windows:<printer name> or file:<absolute folder> (code printer.settingEmpty)',
    km: 'ការកំណត់ម៉ាស៊ីនបោះពុម្ពទទេ៖ សូមសរសេរ none, usb, usb:<vid>:<pid> (ឧ. usb:0416:5011), windows:<ឈ្មោះម៉ាស៊ីនបោះពុម្ព> ឬ file:<ថតពេញលេញ> (កូដ printer.settingEmpty)',
  },
  'printer.settingUnknown': {
    en: 'Unknown printer setting: write none, usb, usb:<vid>:<pid> (e.g. usb:0416:5011), windows:<printer name> or file:<absolute folder> (code printer.settingUnknown)',
    km: 'មិនស្គាល់ការកំណត់ម៉ាស៊ីនបោះពុម្ពនេះទេ៖ សូមសរសេរ none, usb, usb:<vid>:<pid> (ឧ. usb:0416:5011), windows:<ឈ្មោះម៉ាស៊ីនបោះពុម្ព> ឬ file:<ថតពេញលេញ> (កូដ printer.settingUnknown)',
  },
  'printer.settingTooLong': {
    en: 'The printer setting is too long (over {max} characters) (code printer.settingTooLong)',
    km: 'ការកំណត់ម៉ាស៊ីនបោះពុម្ពវែងពេក (លើសពី {max} តួអក្សរ) (កូដ printer.settingTooLong)',
  },
  'printer.settingControl': {
    en: 'The printer setting contains control characters (code printer.settingControl)',
    km: 'ការកំណត់ម៉ាស៊ីនបោះពុម្ពមានតួអក្សរបញ្ជា (control characters) (កូដ printer.settingControl)',
  },
  'printer.settingSpaces': {
    en: 'The printer setting has spaces around it (code printer.settingSpaces)',
    km: 'ការកំណត់ម៉ាស៊ីនបោះពុម្ពមានដកឃ្លានៅខាងមុខ ឬខាងក្រោយ (កូដ printer.settingSpaces)',
  },
  'printer.settingLowercase': {
    en: 'The printer setting must be written in lowercase (none, usb, usb:…, windows:…, file:…) (code printer.settingLowercase)',
    km: 'ការកំណត់ម៉ាស៊ីនបោះពុម្ពត្រូវសរសេរជាអក្សរតូច (none, usb, usb:…, windows:…, file:…) (កូដ printer.settingLowercase)',
  },
  'printer.settingUsbIds': {
    en: 'Not a USB printer id: write usb:<vid>:<pid> with 4 hex digits each, as lsusb shows them (e.g. usb:0416:5011, no 0x) (code printer.settingUsbIds)',
    km: 'មិនមែនជាលេខសម្គាល់ម៉ាស៊ីនបោះពុម្ព USB ទេ៖ សូមសរសេរ usb:<vid>:<pid> ដែលនីមួយៗមានលេខ hex ៤ខ្ទង់ ដូចដែល lsusb បង្ហាញ (ឧ. usb:0416:5011 គ្មាន 0x) (កូដ printer.settingUsbIds)',
  },
  'printer.settingVendorZero': {
    en: '0000 is not a USB vendor id (code printer.settingVendorZero)',
    km: '0000 មិនមែនជាលេខសម្គាល់អ្នកផលិត USB (vendor id) ទេ (កូដ printer.settingVendorZero)',
  },
  'printer.settingFolderMissing': {
    en: 'file: needs a folder, e.g. file:{example} (code printer.settingFolderMissing)',
    km: 'file: ត្រូវការថតមួយ ឧ. file:{example} (កូដ printer.settingFolderMissing)',
  },
  'printer.settingFolderRelative': {
    en: 'The folder must be an absolute path (e.g. {example}) (code printer.settingFolderRelative)',
    km: 'ថតត្រូវតែជាផ្លូវពេញលេញ (absolute path) (ឧ. {example}) (កូដ printer.settingFolderRelative)',
  },
  'printer.settingFolderDots': {
    en: 'The folder must not contain ".." (write the real path) (code printer.settingFolderDots)',
    km: 'ថតមិនត្រូវមាន ".." ទេ (សូមសរសេរផ្លូវពិត) (កូដ printer.settingFolderDots)',
  },
  'printer.settingFolderRoot': {
    en: 'Choose a folder for the print files, not the top of the disk (code printer.settingFolderRoot)',
    km: 'សូមជ្រើសថតមួយសម្រាប់ឯកសារបោះពុម្ព មិនមែនកំពូលនៃថាសទេ (កូដ printer.settingFolderRoot)',
  },
  // — windows:<printer name>: through the Windows print spooler —
  'printer.windowsNotFound': {
    en: 'Windows has no printer named "{name}": choose the printer again in Settings → Printer (Windows Settings → Printers & scanners shows the installed ones) (code printer.windowsNotFound)',
    km: 'Windows មិនមានម៉ាស៊ីនបោះពុម្ពឈ្មោះ "{name}" ទេ៖ សូមជ្រើសម៉ាស៊ីនបោះពុម្ពម្ដងទៀតនៅក្នុង ការកំណត់ → ម៉ាស៊ីនបោះពុម្ព (Windows Settings → Printers & scanners បង្ហាញម៉ាស៊ីនបោះពុម្ពដែលបានដំឡើង) (កូដ printer.windowsNotFound)',
  },
  'printer.windowsAccess': {
    en: 'Windows does not let this user print to "{name}": check the printer\'s sharing and security settings (code printer.windowsAccess)',
    km: 'Windows មិនអនុញ្ញាតឱ្យអ្នកប្រើនេះបោះពុម្ពទៅ "{name}" ទេ៖ សូមពិនិត្យការកំណត់ការចែករំលែក និងសុវត្ថិភាពរបស់ម៉ាស៊ីនបោះពុម្ព (កូដ printer.windowsAccess)',
  },
  'printer.windowsSpooler': {
    en: 'The Windows print spooler is not running: start the "Print Spooler" service (services.msc), or restart the computer (code printer.windowsSpooler)',
    km: 'សេវា print spooler របស់ Windows មិនកំពុងដំណើរការទេ៖ សូមចាប់ផ្ដើមសេវា "Print Spooler" (services.msc) ឬចាប់ផ្ដើមកុំព្យូទ័រឡើងវិញ (កូដ printer.windowsSpooler)',
  },
  'printer.windowsNoPowerShell': {
    en: 'Windows PowerShell was not found, so the POS cannot hand receipts to Windows printers: repair Windows, or use the printer over USB with Zadig (code printer.windowsNoPowerShell)',
    km: 'រកមិនឃើញ Windows PowerShell ទេ ដូច្នេះ POS មិនអាចបញ្ជូនវិក្កយបត្រទៅម៉ាស៊ីនបោះពុម្ព Windows បានទេ៖ សូមជួសជុល Windows ឬប្រើម៉ាស៊ីនបោះពុម្ពតាម USB ជាមួយ Zadig (កូដ printer.windowsNoPowerShell)',
  },
  'printer.windowsScriptsBlocked': {
    en: "This PC's Windows policy does not let the POS run its printing script (a PowerShell execution policy set by the administrator): ask the administrator to allow it, or use the printer over USB with Zadig (code printer.windowsScriptsBlocked)",
    km: 'គោលការណ៍ Windows របស់កុំព្យូទ័រនេះមិនអនុញ្ញាតឱ្យ POS ដំណើរការស្គ្រីបបោះពុម្ពរបស់វាទេ (គោលការណ៍ PowerShell execution policy ដែលអ្នកគ្រប់គ្រងបានកំណត់)៖ សូមស្នើអ្នកគ្រប់គ្រងឱ្យអនុញ្ញាត ឬប្រើម៉ាស៊ីនបោះពុម្ពតាម USB ជាមួយ Zadig (កូដ printer.windowsScriptsBlocked)',
  },
  'printer.windowsFailed': {
    en: 'Windows could not take the receipt for the printer "{name}"; the details are in the POS log (code printer.windowsFailed)',
    km: 'Windows មិនអាចទទួលវិក្កយបត្រសម្រាប់ម៉ាស៊ីនបោះពុម្ព "{name}" បានទេ។ ព័ត៌មានលម្អិតមាននៅក្នុងកំណត់ហេតុ (log) របស់ POS (កូដ printer.windowsFailed)',
  },
  'printer.windowsTimeout': {
    en: 'Windows did not answer in time while the receipt was handed to "{name}"; check the Windows print queue before printing it again (code printer.windowsTimeout)',
    km: 'Windows មិនបានឆ្លើយតបទាន់ពេល ពេលកំពុងបញ្ជូនវិក្កយបត្រទៅ "{name}"៖ សូមពិនិត្យជួរបោះពុម្ពរបស់ Windows មុននឹងបោះពុម្ពម្ដងទៀត (កូដ printer.windowsTimeout)',
  },
  'printer.windowsSpooled': {
    en: 'Handed to the Windows printer "{name}"; Windows does not confirm that it printed (code printer.windowsSpooled)',
    km: 'បានបញ្ជូនទៅម៉ាស៊ីនបោះពុម្ព Windows "{name}" ហើយ ប៉ុន្តែ Windows មិនបញ្ជាក់ថាវាបានបោះពុម្ពចេញទេ (កូដ printer.windowsSpooled)',
  },
  'printer.windowsAttention': {
    en: 'The receipt waits in the Windows print queue of "{name}": Windows says the printer needs attention (paper, cover, offline). It prints from there once fixed; do not print it again (code printer.windowsAttention)',
    km: 'វិក្កយបត្រកំពុងរង់ចាំក្នុងជួរបោះពុម្ពរបស់ Windows សម្រាប់ "{name}"៖ Windows ប្រាប់ថាម៉ាស៊ីនបោះពុម្ពត្រូវការការយកចិត្តទុកដាក់ (ក្រដាស គម្រប ឬមិនបានភ្ជាប់)។ វានឹងបោះពុម្ពចេញពីទីនោះ ពេលជួសជុលរួច សូមកុំបោះពុម្ពម្ដងទៀត (កូដ printer.windowsAttention)',
  },
  'printer.windowsListFailed': {
    en: 'The Windows printers could not be listed; the details are in the POS log (code printer.windowsListFailed)',
    km: 'មិនអាចរាយបញ្ជីម៉ាស៊ីនបោះពុម្ព Windows បានទេ។ ព័ត៌មានលម្អិតមាននៅក្នុងកំណត់ហេតុ (log) របស់ POS (កូដ printer.windowsListFailed)',
  },
  'printer.settingWindowsName': {
    en: 'windows: needs the printer\'s name as Windows shows it: 1 to {max} characters, no quotes or commas, not starting with "-" (code printer.settingWindowsName)',
    km: 'windows: ត្រូវការឈ្មោះម៉ាស៊ីនបោះពុម្ពដូចដែល Windows បង្ហាញ៖ ពី 1 ដល់ {max} តួអក្សរ គ្មានសញ្ញាសម្រង់ ឬក្បៀស ហើយមិនចាប់ផ្ដើមដោយ "-" (កូដ printer.settingWindowsName)',
  },
  // — what receipts go to (Settings → Printer) —
  'printer.describeNone': { en: 'No printer', km: 'គ្មានម៉ាស៊ីនបោះពុម្ព' },
  'printer.describeUsbOnly': { en: 'The USB printer (only one may be attached)', km: 'ម៉ាស៊ីនបោះពុម្ព USB (អាចភ្ជាប់បានតែមួយប៉ុណ្ណោះ)' },
  'printer.describeUsb': { en: 'USB printer {ids}', km: 'ម៉ាស៊ីនបោះពុម្ព USB {ids}' },
  'printer.describeWindows': { en: 'Windows printer "{name}"', km: 'ម៉ាស៊ីនបោះពុម្ព Windows "{name}"' },
  'printer.describeFile': { en: 'Files in {dir}', km: 'ឯកសារក្នុងថត {dir}' },
  'printer.describeInvalid': { en: 'The printer setting is not valid', km: 'ការកំណត់ម៉ាស៊ីនបោះពុម្ពមិនត្រឹមត្រូវទេ' },
  // — the Settings list of printers —
  'printer.listIncomplete': {
    en: 'Some printers may be missing from this list; the details are in the POS log (code printer.listIncomplete)',
    km: 'ម៉ាស៊ីនបោះពុម្ពខ្លះអាចនឹងមិនមាននៅក្នុងបញ្ជីនេះទេ។ ព័ត៌មានលម្អិតមាននៅក្នុងកំណត់ហេតុ (log) របស់ POS (កូដ printer.listIncomplete)',
  },
} as const satisfies Catalog;
