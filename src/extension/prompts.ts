/**
 * Every question the extension asks the user, behind one small interface: quick picks, input
 * boxes, modal confirmations and messages with buttons. VS Code's own widgets answer normally;
 * the integration tests in the extension host script the answers instead (through the API's
 * `testing` hook), because a modal dialog cannot be clicked from inside the extension host.
 */
import * as vscode from 'vscode';

export interface PickItem<T> extends vscode.QuickPickItem {
  readonly value: T;
}

export interface Prompts {
  pick<T>(items: readonly PickItem<T>[], options: { readonly title: string; readonly placeHolder?: string }): Promise<PickItem<T> | undefined>;
  input(options: { readonly title: string; readonly prompt: string; readonly value?: string; readonly password?: boolean; readonly validate?: (value: string) => string | null }): Promise<string | undefined>;
  /** A modal question; resolves to the chosen button, undefined for Cancel. */
  confirm(message: string, detail: string, buttons: readonly string[]): Promise<string | undefined>;
  /** A non-modal message; resolves to the chosen button, if any. */
  inform(message: string, buttons: readonly string[]): Promise<string | undefined>;
  /** Opens a web page in the user's browser. */
  open(url: string): Promise<void>;
}

export const vscodePrompts: Prompts = {
  async pick(items, options) {
    return vscode.window.showQuickPick([...items], { title: options.title, placeHolder: options.placeHolder, matchOnDescription: true, matchOnDetail: true });
  },
  async input(options) {
    return vscode.window.showInputBox({
      title: options.title,
      prompt: options.prompt,
      value: options.value,
      password: options.password,
      ignoreFocusOut: true,
      validateInput: options.validate ? (value) => options.validate!(value) : undefined,
    });
  },
  async confirm(message, detail, buttons) {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
  },
  async inform(message, buttons) {
    return vscode.window.showInformationMessage(message, ...buttons);
  },
  async open(url) {
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
  },
};

/** One scripted answer: a pick by label (or undefined), a text, or a button. */
export type ScriptedAnswer = string | undefined;

/** What a scripted run was asked, in order, for tests to check. */
export interface AskedPrompt {
  readonly kind: 'pick' | 'input' | 'confirm' | 'inform' | 'open';
  readonly text: string;
  readonly options: readonly string[];
}

/**
 * Answers from a queue. A question with no answer left is answered "cancel" (undefined), so a
 * test that forgets one sees the flow stop rather than hang on a widget nobody will click.
 */
export function scriptedPrompts(answers: ScriptedAnswer[], asked: AskedPrompt[]): Prompts {
  const next = (): ScriptedAnswer => answers.shift();
  return {
    async pick(items, options) {
      asked.push({ kind: 'pick', text: options.title, options: items.map((i) => i.label) });
      const label = next();
      return items.find((i) => i.label === label);
    },
    async input(options) {
      asked.push({ kind: 'input', text: options.prompt, options: options.value ? [options.value] : [] });
      const value = next();
      if (value !== undefined && options.validate?.(value)) throw new Error(`scripted input '${value}' is invalid: ${options.validate(value)}`);
      return value;
    },
    async confirm(message, detail, buttons) {
      asked.push({ kind: 'confirm', text: `${message}\n${detail}`, options: buttons });
      const button = next();
      return buttons.includes(button ?? '') ? button : undefined;
    },
    async inform(message, buttons) {
      asked.push({ kind: 'inform', text: message, options: buttons });
      const button = next();
      return buttons.includes(button ?? '') ? button : undefined;
    },
    async open(url) {
      asked.push({ kind: 'open', text: url, options: [] });
    },
  };
}
