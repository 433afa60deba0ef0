import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../common/fonts.ts';
import '../common/theme.css';
import './cashier.css';
import { App } from './App.tsx';
import { connectCashier } from './store.ts';

connectCashier();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
