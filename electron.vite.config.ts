// Temporary: lets plain `electron-vite build` find the config while the layout settles.
export { default } from './electron/vite.config.ts';
