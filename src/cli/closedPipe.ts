/**
 * Output piped into a reader that stops early (`npm run --silent ask -- --batch < qs | head -1`)
 * closes the pipe; writing on is then pointless, not an error. Exits quietly with status 0, as
 * `head`'s writer should, instead of a stack trace.
 */
export function exitQuietlyWhenOutputCloses(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}
