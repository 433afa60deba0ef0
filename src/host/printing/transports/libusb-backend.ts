/**
 * The real UsbBackend, over the `usb` package (2.x: N-API prebuilds, libusb 1.0.2x, Windows on ARM).
 * `usb` is required on first use only, so tests and web mode never load native USB code unless a USB
 * printer is configured. README ("Why not escpos / escpos-usb") says why this is not escpos-usb.
 *
 * What this file does that a generic adapter does not: it claims the printer interface only (never
 * every interface of a composite device), detaches the kernel driver (usblp) only if one is bound and
 * gives it back on close, sets a timeout on every transfer, and never touches other listeners of the
 * `usb` module.
 */
import { createRequire } from 'node:module';
import { PrinterError } from '../types.ts';
import { usbIdsText, type UsbIds } from './printer-setting.ts';
import { usbPrinterLabel } from './usb-errors.ts';
import { withBytesSent, type FoundUsbPrinter, type OpenedUsbPrinter, type UsbBackend } from './usb-backend.ts';

const PRINTER_CLASS = 7;

/**
 * The parts of `usb` 2.x's legacy (non-WebUSB) API used here, as small structural types so the tests
 * can stand in a fake module; tests/host/printing/transports/libusb-backend.test.ts checks that the
 * package's own typings fit them.
 */
export interface UsbEndpoint {
  direction: 'in' | 'out';
  transferType: number;
  timeout: number;
  /** Clears a halt (stall) on this endpoint: after one, every transfer fails until this is done. */
  clearHalt(callback: (error: Error | undefined) => void): void;
}
/** What an endpoint with direction 'out' is (an OutEndpoint in `usb`). */
export interface UsbOutEndpoint extends UsbEndpoint {
  /** 2.x calls back with the bytes actually sent, also when the transfer failed part-way. */
  transfer(data: Buffer, callback: (error: Error | undefined, actual: number) => void): unknown;
}
export interface UsbInterface {
  descriptor: { bInterfaceClass: number };
  endpoints: UsbEndpoint[];
  isKernelDriverActive(): boolean;
  detachKernelDriver(): void;
  attachKernelDriver(): void;
  claim(): void;
  release(callback: (error?: Error) => void): void;
}
export interface UsbDevice {
  busNumber: number;
  deviceAddress: number;
  deviceDescriptor: { idVendor: number; idProduct: number; bDeviceClass: number; iManufacturer: number; iProduct: number };
  configDescriptor: { interfaces: Array<Array<{ bInterfaceClass: number }>> } | undefined;
  interfaces: UsbInterface[] | undefined;
  open(): void;
  close(): void;
  getStringDescriptor(index: number, callback: (error?: Error, value?: string) => void): void;
}
export interface UsbModule {
  getDeviceList(): UsbDevice[];
  INIT_ERROR: number;
  LIBUSB_TRANSFER_TYPE_BULK: number;
  /** Hotplug events (2.x; libusb's own, or polling where the platform has none). */
  on?(event: 'attach', listener: (device: UsbDevice) => void): void;
  removeListener?(event: 'attach', listener: (device: UsbDevice) => void): void;
  /** Lets the process exit while `attach` is listened to. */
  unrefHotplugEvents?(): void;
}

/**
 * `require('usb')` → the legacy API object. In 2.x that is the package's `usb` export (the top level
 * also has getDeviceList, but not the constants, INIT_ERROR or the hotplug events); 1.x exported it
 * directly. Checked, so a future major (3.x is WebUSB only) fails in words instead of finding no endpoint.
 */
export function usbBindings(loaded: unknown): UsbModule {
  const m = ((loaded as { usb?: unknown } | null)?.usb ?? loaded) as Partial<UsbModule> | null;
  if (!m || typeof m.getDeviceList !== 'function' || typeof m.LIBUSB_TRANSFER_TYPE_BULK !== 'number') {
    throw new PrinterError('driver', 'printer.usbVersion');
  }
  return m as UsbModule;
}

let usbModule: UsbModule | null = null;

function requireUsb(): UsbModule {
  if (!usbModule) {
    try {
      usbModule = usbBindings(createRequire(import.meta.url)('usb'));
    } catch (error) {
      if (error instanceof PrinterError) throw error;
      throw new PrinterError('driver', 'printer.usbLoad', undefined, { detail: (error as Error).message, cause: error });
    }
  }
  return usbModule;
}

function started(usb: UsbModule): UsbModule {
  if (usb.INIT_ERROR) throw new PrinterError('driver', 'printer.usbInit', { error: Number(usb.INIT_ERROR) });
  return usb;
}

/** True once something asked for USB: lets tests prove `none`/`file:` never load native USB code. */
export function usbLoaded(): boolean {
  return usbModule !== null;
}

/** Printers this process holds open, with their names: Settings must not open (and so close) those. */
const held = new Map<UsbDevice, string | null>();
/**
 * `usb` keeps ONE handle per device object, so a second open() is a no-op and any close() closes it
 * for everyone. Opening, closing and listing therefore take turns (transfers do not wait for this).
 */
let turn: Promise<unknown> = Promise.resolve();
function exclusive<T>(step: () => Promise<T>): Promise<T> {
  const run = turn.then(step);
  turn = run.catch(() => {});
  return run;
}

function idsOf(device: UsbDevice): UsbIds {
  return { vid: device.deviceDescriptor.idVendor, pid: device.deviceDescriptor.idProduct };
}

/** A printer: device class 7, or any interface of class 7. */
function isPrinter(device: UsbDevice): boolean {
  try {
    if (device.deviceDescriptor.bDeviceClass === PRINTER_CLASS) return true;
    return device.configDescriptor?.interfaces.some((alts) => alts.some((alt) => alt.bInterfaceClass === PRINTER_CLASS)) ?? false;
  } catch {
    return false; // descriptor unreadable (seen on Windows for some devices): not one we can use anyway
  }
}

/**
 * With the setting `usb` (no ids): the printer, if exactly one is attached. With several (a receipt
 * printer and the office printer, say), the POS must not guess: the receipt could go to the office
 * printer and stay claimed there. It refuses and names them, so the owner picks one in Settings.
 */
function onlyPrinter(usb: UsbModule): UsbDevice | undefined {
  const printers = usb.getDeviceList().filter(isPrinter);
  if (printers.length <= 1) return printers[0];
  const ids = printers.map((device) => usbIdsText(idsOf(device)));
  const names = printers.map((device) => `${usbIdsText(idsOf(device))}${held.has(device) ? ` (${held.get(device) ?? 'no name'})` : ''}`);
  throw new PrinterError('ambiguous', 'printer.severalUsb', { count: printers.length, ids: ids.join(', ') }, { detail: `printers found: ${names.join('; ')}` });
}

/** The interface to print on: the printer-class one with a bulk OUT endpoint, else (explicit ids only) any with one. */
function pickInterface(usb: UsbModule, device: UsbDevice, anyClass: boolean): { iface: UsbInterface; endpoint: UsbOutEndpoint } | null {
  const bulkOut = (iface: UsbInterface) =>
    iface.endpoints.find((ep): ep is UsbOutEndpoint => ep.direction === 'out' && ep.transferType === usb.LIBUSB_TRANSFER_TYPE_BULK);
  const interfaces = device.interfaces ?? [];
  const ordered = [...interfaces.filter((i) => i.descriptor.bInterfaceClass === PRINTER_CLASS), ...(anyClass ? interfaces : [])];
  for (const iface of ordered) {
    const endpoint = bulkOut(iface);
    if (endpoint) return { iface, endpoint };
  }
  return null;
}

function readString(device: UsbDevice, index: number): Promise<string | null> {
  if (!index) return Promise.resolve(null);
  return new Promise((resolve) => {
    try {
      device.getStringDescriptor(index, (error, value) => resolve(error || !value ? null : value.replace(/\u0000/g, '').trim() || null));
    } catch {
      resolve(null);
    }
  });
}

/** "Winbond POS58", from the manufacturer and product strings (needs an open device). */
async function readName(device: UsbDevice): Promise<string | null> {
  const maker = await readString(device, device.deviceDescriptor.iManufacturer);
  const product = await readString(device, device.deviceDescriptor.iProduct);
  if (maker && product && !product.toLowerCase().startsWith(maker.toLowerCase())) return `${maker} ${product}`;
  return product ?? maker;
}

/** Undoes open(): release the interface, give the kernel driver back (so CUPS can print again), close. Never throws. */
async function shutdown(device: UsbDevice, claimed: UsbInterface | null, reattach: UsbInterface | null): Promise<void> {
  if (claimed) {
    await new Promise<void>((resolve) => {
      try {
        claimed.release(() => resolve());
      } catch {
        resolve();
      }
    });
  }
  if (reattach) {
    try {
      reattach.attachKernelDriver();
    } catch {
      // Unplugged, or the driver is not loaded: nothing to give back.
    }
  }
  try {
    device.close();
  } catch {
    // Already closed or gone.
  }
}

class LibusbPrinter implements OpenedUsbPrinter {
  readonly ids: UsbIds;
  readonly name: string | null;
  readonly #device: UsbDevice;
  readonly #iface: UsbInterface;
  readonly #endpoint: UsbOutEndpoint;
  readonly #detached: boolean;
  #closed = false;

  readonly #usb: UsbModule;

  constructor(usb: UsbModule, device: UsbDevice, iface: UsbInterface, endpoint: UsbOutEndpoint, detached: boolean, name: string | null) {
    this.#usb = usb;
    this.ids = idsOf(device);
    this.name = name;
    this.#device = device;
    this.#iface = iface;
    this.#endpoint = endpoint;
    this.#detached = detached;
  }

  write(chunk: Uint8Array, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      // `usb` calls back from libusb's completion handler, i.e. after the transfer has finished, with
      // the bytes that reached the device: on a timeout that is often part of the chunk.
      this.#endpoint.timeout = timeoutMs;
      try {
        this.#endpoint.transfer(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength), (error, actual) =>
          error ? reject(withBytesSent(error, Math.min(chunk.byteLength, Math.max(0, actual || 0)))) : resolve(),
        );
      } catch (error) {
        reject(withBytesSent(error, 0)); // refused before anything was submitted
      }
    });
  }

  clearHalt(): Promise<void> {
    return new Promise((resolve) => {
      try {
        this.#endpoint.clearHalt(() => resolve());
      } catch {
        resolve(); // closed or unplugged: the next write says so
      }
    });
  }

  isAttached(): boolean {
    // `usb` returns the same object for the same libusb device; a replugged printer is a new one.
    return this.#usb.getDeviceList().includes(this.#device);
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    return exclusive(async () => {
      await shutdown(this.#device, this.#iface, this.#detached ? this.#iface : null);
      held.delete(this.#device);
    });
  }
}

/**
 * `load` gives the `usb` module: by default the installed package, required on first use; tests pass
 * a fake one shaped like its legacy API.
 */
export function createLibusbBackend(platform: NodeJS.Platform = process.platform, load: () => UsbModule = requireUsb): UsbBackend {
  const loadUsb = () => started(load());
  return {
    open: (target) =>
      exclusive(async () => {
        const usb = loadUsb();
        const device = target ? usb.getDeviceList().find((d) => d.deviceDescriptor.idVendor === target.vid && d.deviceDescriptor.idProduct === target.pid) : onlyPrinter(usb);
        if (!device) {
          throw target
            ? new PrinterError('not_found', 'printer.usbNotPlugged', { ids: usbIdsText(target) })
            : new PrinterError('not_found', 'printer.noUsbPrinter');
        }
        if (held.has(device)) throw new PrinterError('busy', 'printer.busyPos', { printer: usbPrinterLabel(usbIdsText(idsOf(device))) });
        device.open(); // throws LIBUSB_ERROR_ACCESS (Linux, no udev rule) or NOT_SUPPORTED (Windows, no WinUSB)
        let claimed: UsbInterface | null = null;
        let detached: UsbInterface | null = null;
        try {
          const picked = pickInterface(usb, device, target !== null || device.deviceDescriptor.bDeviceClass === PRINTER_CLASS);
          if (!picked) {
            throw new PrinterError('not_found', 'printer.noPrinterInterface', { ids: usbIdsText(idsOf(device)) }, { detail: 'no bulk OUT endpoint' });
          }
          if (platform !== 'win32') {
            try {
              // Linux binds usblp to printers; libusb cannot claim the interface until it lets go.
              if (picked.iface.isKernelDriverActive()) {
                picked.iface.detachKernelDriver();
                detached = picked.iface;
              }
            } catch {
              // Not supported here (macOS), or not allowed: claim() below then says BUSY or ACCESS.
            }
          }
          picked.iface.claim();
          claimed = picked.iface;
          const name = await readName(device);
          const printer = new LibusbPrinter(usb, device, picked.iface, picked.endpoint, detached !== null, name);
          held.set(device, name);
          return printer;
        } catch (error) {
          await shutdown(device, claimed, detached);
          throw error;
        }
      }),

    onAttach(target, listener) {
      const usb = loadUsb();
      if (!usb.on || !usb.removeListener) return () => {};
      const onDevice = (device: UsbDevice) => {
        const ids = idsOf(device);
        if (target ? ids.vid === target.vid && ids.pid === target.pid : isPrinter(device)) listener();
      };
      usb.on('attach', onDevice);
      usb.unrefHotplugEvents?.(); // a printer that never comes back must not keep the POS from quitting
      // Only this listener is removed: other code in the process may listen to USB events too.
      return () => usb.removeListener?.('attach', onDevice);
    },

    list: () =>
      exclusive(async () => {
        const usb = loadUsb();
        const printers: FoundUsbPrinter[] = [];
        const errors: unknown[] = [];
        for (const device of usb.getDeviceList().filter(isPrinter)) {
          if (held.has(device)) {
            printers.push({ ids: idsOf(device), name: held.get(device) ?? null });
            continue;
          }
          let name: string | null = null;
          try {
            device.open(); // only to read the strings; no claim, so a printer in use elsewhere is not disturbed
            try {
              name = await readName(device);
            } finally {
              device.close();
            }
          } catch (error) {
            errors.push(error);
          }
          printers.push({ ids: idsOf(device), name });
        }
        return { printers, errors };
      }),
  };
}
