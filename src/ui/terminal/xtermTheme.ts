/** xterm.js colours for the two UI themes (ANSI colours picked to stay readable on each background). */
import type { ITheme } from '@xterm/xterm';

export const XTERM_THEMES: Record<'dark' | 'light', ITheme> = {
  dark: {
    background: '#080b10',
    foreground: '#d4dce6',
    cursor: '#7fd6be',
    cursorAccent: '#080b10',
    selectionBackground: '#2a4a75',
    black: '#1b2230', red: '#ef7b45', green: '#5fd3b0', yellow: '#f0e442', blue: '#6cb6ff', magenta: '#c9a8ff', cyan: '#56b4e9', white: '#d4dce6',
    brightBlack: '#5d6a7d', brightRed: '#ff9e75', brightGreen: '#7fe6c6', brightYellow: '#fff27a', brightBlue: '#8cc8ff', brightMagenta: '#e0c8ff', brightCyan: '#89cff0', brightWhite: '#ffffff',
  },
  light: {
    background: '#fbfcfe',
    foreground: '#1f2937',
    cursor: '#0b6e57',
    cursorAccent: '#fbfcfe',
    selectionBackground: '#bcd9ff',
    black: '#1f2937', red: '#b3401a', green: '#0b6e57', yellow: '#8a6100', blue: '#0a58b8', magenta: '#7a3fc0', cyan: '#006c9c', white: '#4b5563',
    brightBlack: '#6b7280', brightRed: '#c2410c', brightGreen: '#047857', brightYellow: '#92400e', brightBlue: '#1d4ed8', brightMagenta: '#6d28d9', brightCyan: '#0e7490', brightWhite: '#111827',
  },
};
