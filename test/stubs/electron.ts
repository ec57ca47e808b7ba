// Stand-in for the `electron` module in tests (see vitest.config.ts). Importing it is harmless;
// using any Electron API from a test fails loudly, so a test never passes by accident.
const fail = (name: string) => (): never => {
  throw new Error(`electron.${name} is not available in tests: pass the Electron object in as a dependency`);
};
const proxy = new Proxy({}, { get: (_t, name) => fail(String(name)) });
export default proxy;
export const app = proxy;
export const BrowserWindow = proxy;
export const Tray = proxy;
export const Menu = proxy;
export const nativeImage = proxy;
export const ipcMain = proxy;
export const ipcRenderer = proxy;
export const contextBridge = proxy;
export const session = proxy;
export const net = proxy;
export const protocol = proxy;
export const shell = proxy;
export const dialog = proxy;
export const Notification = proxy;
export const utilityProcess = proxy;
