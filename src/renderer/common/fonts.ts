/**
 * Bundled fonts (no CDN): Noto Sans for Latin text and Noto Sans Khmer for Khmer, regular and bold.
 * Only the subsets the screens use are imported, so the build ships a handful of woff2 files.
 */
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans-khmer/khmer-400.css';
import '@fontsource/noto-sans-khmer/khmer-700.css';
