/** `beachcomber tree <file> [--python 3.12] [--platform linux] [--format table|json]` (being built). */
export async function tree(_args: readonly string[]): Promise<number> {
  process.stderr.write('beachcomber tree: not available yet\n');
  return 2;
}
