import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/graph.css';
import './styles/panels.css';
import './styles/trace.css';
import './styles/lesson.css';
import './styles/scenarios.css';
import { App } from './App';
import { start } from './actions';

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
void start();
