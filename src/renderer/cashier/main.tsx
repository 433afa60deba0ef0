import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../common/fonts.ts';
import { warmUp } from '../common/warm-up.ts';
import '../common/theme.css';
import './cashier.css';
import { App } from './App.tsx';
import { connectCashier } from './store.ts';

connectCashier();
warmUp();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
