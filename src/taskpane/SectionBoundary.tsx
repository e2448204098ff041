import { Component, type ErrorInfo, type ReactNode } from "react";

interface Props {
  /** Shown instead of the section when it fails (a chunk that cannot load offline, a bug). */
  fallback: ReactNode;
  children: ReactNode;
}

/** Keeps one failing section from taking the whole pane down with it. */
export class SectionBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error("Vouch: a pane section failed", error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
