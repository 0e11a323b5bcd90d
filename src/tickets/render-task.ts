import { type SafeHtml, sanitizeMessageHtml } from './html.js';
import { renderMarkdown } from './markdown.js';

// Runs on a worker thread (see message-body.ts): a megabyte of Markdown or HTML built to be slow
// (thousands of unclosed brackets, emphasis, entities) costs seconds of CPU, which on the main
// thread would stall every other request.

export type RenderTask = { kind: 'markdown'; source: string } | { kind: 'html'; source: string };

export default function renderTask(task: RenderTask): SafeHtml {
  return task.kind === 'markdown' ? renderMarkdown(task.source) : sanitizeMessageHtml(task.source);
}
