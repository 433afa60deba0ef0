import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { DisplayState } from '../../shared/contract.ts';
import { displayBridge } from '../bridge/index.ts';
import '../common/fonts.ts';
import { warmUp } from '../common/warm-up.ts';
import '../common/theme.css';
import './customer.css';
import { Display } from './Display.tsx';

function App() {
  const [state, setState] = useState<DisplayState | null>(null);
  const [connected, setConnected] = useState(true);
  useEffect(() => displayBridge().onDisplay(setState), []);
  useEffect(() => displayBridge().onConnection?.(setConnected), []);
  return <Display state={state} connected={connected} />;
}

warmUp();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
