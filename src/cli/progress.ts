// Progress on stderr for the commands that take a while ("loading…", "warm-up 1/3", "run 4/20").
// On a terminal one line is rewritten in place (\r) and erased when done, so it costs nothing
// to show from the start; in a log (not a TTY) plain lines, at most one a second, so a command
// that finishes within a second writes none.

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

const INTERVAL_MS = 1000;
const ERASE_LINE = '\r\x1b[K';

/** Erases a progress line left on a terminal (before an error message, say); nothing in a log. */
export function eraseProgressLine(stream: ProgressStream = process.stderr): void {
  if (stream.isTTY) stream.write(ERASE_LINE);
}

export class Progress {
  private showing = false;
  private lastLineAt: number;

  constructor(
    private readonly stream: ProgressStream = process.stderr,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.lastLineAt = now();
  }

  step(text: string): void {
    if (this.stream.isTTY) {
      this.stream.write(`\r${text}\x1b[K`);
      this.showing = true;
      return;
    }
    const t = this.now();
    if (t - this.lastLineAt < INTERVAL_MS) return;
    this.stream.write(`${text}\n`);
    this.lastLineAt = t;
  }

  /** Erases the terminal line, so the result that follows starts clean. */
  done(): void {
    if (this.showing) eraseProgressLine(this.stream);
    this.showing = false;
  }
}
