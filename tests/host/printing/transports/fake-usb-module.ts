/**
 * A stand-in for the `usb` package's legacy API (2.x), for testing libusb-backend.ts where there is
 * no USB hardware. It keeps what the backend relies on: one object per attached device, interfaces
 * only while open, claim/release and the kernel driver per interface, bulk OUT transfers that call
 * back later with the bytes actually sent (also on failure), clearHalt, and attach/detach events.
 */
import { EventEmitter } from 'node:events';
import type { UsbDevice, UsbInterface, UsbModule, UsbOutEndpoint } from '../../../../src/host/printing/transports/libusb-backend.ts';

const BULK = 2;
const INTERRUPT = 3;
const PRINTER = 7;
const HID = 3;

export const libusbError = (message: string, errno: number) => Object.assign(new Error(message), { errno });

/** What the next transfer does: complete, or fail after `sent` bytes with a libusb error. */
export type TransferPlan = { fail: Error; sent: number } | 'complete';

export class FakeEndpoint implements UsbOutEndpoint {
  readonly direction: 'in' | 'out';
  readonly transferType: number;
  timeout = 0;
  /** Bytes the device has taken, over every transfer (what the printer's parser saw). */
  readonly received: number[] = [];
  readonly timeouts: number[] = [];
  readonly plans: TransferPlan[] = [];
  clearHalts = 0;
  halted = false;
  readonly #device: FakeDevice;

  constructor(device: FakeDevice, direction: 'in' | 'out', transferType: number) {
    this.#device = device;
    this.direction = direction;
    this.transferType = transferType;
  }

  transfer(data: Buffer, callback: (error: Error | undefined, actual: number) => void): this {
    if (!this.#device.isOpen) throw new Error('Device is not opened');
    this.timeouts.push(this.timeout);
    const plan = this.plans.shift() ?? 'complete';
    setImmediate(() => {
      if (!this.#device.attached) return callback(libusbError('LIBUSB_TRANSFER_NO_DEVICE', 5), 0);
      if (this.halted) return callback(libusbError('LIBUSB_TRANSFER_STALL', 4), 0);
      if (plan === 'complete') {
        this.received.push(...data);
        return callback(undefined, data.length);
      }
      this.received.push(...data.subarray(0, plan.sent));
      if (plan.fail.message === 'LIBUSB_TRANSFER_STALL') this.halted = true;
      callback(plan.fail, plan.sent);
    });
    return this;
  }

  clearHalt(callback: (error: Error | undefined) => void): void {
    this.clearHalts += 1;
    this.halted = false;
    setImmediate(() => callback(undefined));
  }
}

export class FakeInterface implements UsbInterface {
  readonly descriptor: { bInterfaceClass: number };
  readonly endpoints: FakeEndpoint[];
  kernelDriver: boolean;
  claimed = false;
  readonly #device: FakeDevice;

  constructor(device: FakeDevice, interfaceClass: number, endpoints: FakeEndpoint[], kernelDriver: boolean) {
    this.#device = device;
    this.descriptor = { bInterfaceClass: interfaceClass };
    this.endpoints = endpoints;
    this.kernelDriver = kernelDriver;
  }

  isKernelDriverActive(): boolean {
    return this.kernelDriver;
  }
  detachKernelDriver(): void {
    this.kernelDriver = false;
  }
  attachKernelDriver(): void {
    this.kernelDriver = true;
  }
  claim(): void {
    if (!this.#device.isOpen) throw new Error('Device is not opened');
    if (this.kernelDriver) throw libusbError('LIBUSB_ERROR_BUSY', -6);
    this.claimed = true;
  }
  release(callback: (error?: Error) => void): void {
    this.claimed = false;
    setImmediate(() => callback());
  }
}

export interface FakeDeviceSpec {
  vid: number;
  pid: number;
  manufacturer?: string;
  product?: string;
  /** 'printer': one printer-class interface with a bulk OUT endpoint; 'composite': HID first, then the printer; 'other': a non-printer (a keyboard). */
  kind?: 'printer' | 'composite' | 'other';
  /** open() throws this (e.g. LIBUSB_ERROR_ACCESS). */
  openError?: Error;
}

export class FakeDevice implements UsbDevice {
  readonly busNumber = 1;
  readonly deviceAddress: number;
  readonly deviceDescriptor: UsbDevice['deviceDescriptor'];
  readonly configDescriptor: NonNullable<UsbDevice['configDescriptor']>;
  interfaces: FakeInterface[] | undefined = undefined;
  readonly allInterfaces: FakeInterface[];
  attached = true;
  isOpen = false;
  opens = 0;
  readonly #spec: FakeDeviceSpec;
  static #address = 1;

  constructor(spec: FakeDeviceSpec) {
    this.#spec = spec;
    this.deviceAddress = FakeDevice.#address++;
    this.deviceDescriptor = { idVendor: spec.vid, idProduct: spec.pid, bDeviceClass: 0, iManufacturer: spec.manufacturer ? 1 : 0, iProduct: spec.product ? 2 : 0 };
    const kind = spec.kind ?? 'printer';
    const printer = () => new FakeInterface(this, PRINTER, [new FakeEndpoint(this, 'out', BULK), new FakeEndpoint(this, 'in', BULK)], true);
    const hid = () => new FakeInterface(this, HID, [new FakeEndpoint(this, 'out', INTERRUPT), new FakeEndpoint(this, 'in', INTERRUPT)], false);
    this.allInterfaces = kind === 'printer' ? [printer()] : kind === 'composite' ? [hid(), printer()] : [hid()];
    this.configDescriptor = { interfaces: this.allInterfaces.map((i) => [{ bInterfaceClass: i.descriptor.bInterfaceClass }]) };
  }

  /** The printer interface's bulk OUT endpoint (what the backend must write to). */
  get out(): FakeEndpoint {
    const iface = this.allInterfaces.find((i) => i.descriptor.bInterfaceClass === PRINTER) ?? this.allInterfaces[0]!;
    return iface.endpoints[0]!;
  }

  get claimed(): boolean {
    return this.allInterfaces.some((i) => i.claimed);
  }

  open(): void {
    if (this.#spec.openError) throw this.#spec.openError;
    if (!this.attached) throw libusbError('LIBUSB_ERROR_NO_DEVICE', -4);
    this.opens += 1;
    this.isOpen = true;
    this.interfaces = this.allInterfaces;
  }

  close(): void {
    this.isOpen = false;
    this.interfaces = undefined;
  }

  getStringDescriptor(index: number, callback: (error?: Error, value?: string) => void): void {
    const value = index === 1 ? this.#spec.manufacturer : index === 2 ? this.#spec.product : undefined;
    setImmediate(() => callback(undefined, value));
  }
}

export class FakeUsbModule extends EventEmitter implements UsbModule {
  readonly INIT_ERROR = 0;
  readonly LIBUSB_TRANSFER_TYPE_BULK = BULK;
  devices: FakeDevice[] = [];
  unrefs = 0;

  constructor(specs: FakeDeviceSpec[] = []) {
    super();
    this.devices = specs.map((spec) => new FakeDevice(spec));
  }

  getDeviceList(): FakeDevice[] {
    return this.devices.filter((d) => d.attached);
  }

  unrefHotplugEvents(): void {
    this.unrefs += 1;
  }

  /** Unplugs a device: its transfers fail with NO_DEVICE, and `detach` is emitted. */
  unplug(device: FakeDevice): void {
    device.attached = false;
    this.emit('detach', device);
  }

  /** Plugs in a device (a new object, as libusb gives a replugged printer) and emits `attach`. */
  plug(spec: FakeDeviceSpec): FakeDevice {
    const device = new FakeDevice(spec);
    this.devices.push(device);
    this.emit('attach', device);
    return device;
  }
}
