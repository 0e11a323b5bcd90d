import { type ButtonHTMLAttributes, Component, type ReactNode } from 'react';
import { ApiError } from './api.js';

export function ErrorText({ error }: { error: unknown }) {
  if (!error) return null;
  const message =
    error instanceof ApiError ? error.message : error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

/** Never a blank page: a render error shows in words, with a way back. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (this.state.error) {
      return (
        <main className="page">
          <h1>This page could not be shown</h1>
          <p className="error" role="alert">
            {this.state.error.message}
          </p>
          <p>
            <a href="/">Back to the desk</a>
          </p>
        </main>
      );
    }
    return this.props.children;
  }
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status}`}>{status}</span>;
}

export function PriorityBadge({ priority }: { priority: string }) {
  return <span className={`badge priority-${priority}`}>{priority}</span>;
}

/** A button that asks first: for what is hard to undo (a deletion, someone signed out everywhere). */
export function ConfirmButton({
  question,
  onConfirm,
  children,
  ...button
}: { question: string; onConfirm: () => void } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick' | 'type'>) {
  return (
    <button
      type="button"
      {...button}
      onClick={() => {
        if (window.confirm(question)) onConfirm();
      }}
    >
      {children}
    </button>
  );
}
