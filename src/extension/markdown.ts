/**
 * Markdown for hovers and tooltips. Advisory summaries, package names and decision reasons are
 * untrusted text: they are escaped so that they render as plain text (no links, images, HTML or
 * theme icons of their own), and the only command links are the ones built here from our own
 * command ids (docs/architecture.md, invariant 7).
 */
import { COMMAND_IDS, type CommandArgs, type CommandId } from './command-ids';

/** Every character CommonMark (and VS Code's icon syntax) gives a meaning, backslash-escaped. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&"'=:$]/g, '\\$&')
    .replace(/\r?\n/g, ' ');
}

/** Text cut to `max` characters at a code point boundary, then escaped. */
export function plain(text: string, max = 400): string {
  const points = Array.from(text);
  return escapeMarkdown(points.length > max ? `${points.slice(0, max - 1).join('')}…` : text);
}

/** A link to a URL we built (osv.dev, pypi.org): only https, and never from untrusted text as is. */
export function webLink(label: string, href: string): string {
  if (!/^https:\/\/[A-Za-z0-9.-]+\//.test(href)) return escapeMarkdown(label);
  return `[${escapeMarkdown(label)}](${encodeURI(decodeURI(href)).replace(/[()]/g, (c) => encodeURIComponent(c))})`;
}

/** A `command:` link to one of our commands, with its arguments encoded as VS Code expects. */
export function commandLink<C extends CommandId>(label: string, command: C, args: CommandArgs[C]): string {
  const encoded = encodeURIComponent(JSON.stringify([args]));
  return `[${escapeMarkdown(label)}](command:${command}?${encoded})`;
}

/** The commands a hover or tooltip may run: exactly the ones commandLink can build. */
export const TRUSTED_COMMANDS: readonly string[] = [COMMAND_IDS.fix, COMMAND_IDS.fork, COMMAND_IDS.forgo, COMMAND_IDS.acceptRisk, COMMAND_IDS.fixUpstream, COMMAND_IDS.showInTree];
