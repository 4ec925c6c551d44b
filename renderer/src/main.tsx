import './lib/zod-csp';
import './bridge/install';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles/base.css';
import './styles/layout.css';
import './styles/files.css';
import './styles/preview.css';
import './styles/chain.css';
import './styles/run.css';
import './styles/settings.css';
import './styles/outputs.css';
import './styles/plan.css';
import './styles/watch.css';
import './styles/folder-browser.css';

const root = document.getElementById('root');
if (!root) throw new Error('Expected a #root element in index.html');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
