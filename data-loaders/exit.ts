// process.exit() drops whatever a pipe has not yet taken from stdout and stderr: when the reader
// falls behind (a loaded machine, or a test reading the output), a CLI's last line, the error
// itself, was lost. Writes complete in order, so exiting from the callbacks of one last write to
// each stream exits once everything before them is out.

/** Write `text` to stderr, wait until stdout and stderr have passed on all they hold, then exit. */
export function exitAfterWriting(text: string, status: number): Promise<never> {
  return new Promise<never>(() => {
    process.stderr.write(text, () => process.stdout.write("", () => process.exit(status)));
  });
}
