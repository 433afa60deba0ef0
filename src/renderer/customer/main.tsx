import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { DisplayState } from '../../shared/contract.ts';
import { displayBridge } from '../bridge/index.ts';
import '../common/fonts.ts';
import '../common/theme.css';
import './customer.css';
import { Display } from './Display.tsx';

function App() {
  const [state, setState] = useState<DisplayState | null>(null);
  useEffect(() => displayBridge().onDisplay(setState), []);
  return <Display state={state} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
