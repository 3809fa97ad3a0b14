/**
 * "Fix upstream": drafts of an issue for a package's own repository, for the four things a
 * downstream user can usefully ask for. Drafts are polite, short and link to the documentation
 * that explains the request. A security report is NEVER drafted as a public issue with details:
 * on GitHub the link opens the private vulnerability reporting form and the details are handed
 * to the user to paste there; on GitLab the issue is opened as confidential and its body stays
 * minimal; either way a minimal public "how do we report privately?" issue is offered as fallback.
 */
import { newIssueUrl, privateReportUrl, type IssueDraft } from './issue-url';
import type { Repository } from './repository';

export type UpstreamTopic = 'security-policy' | 'trusted-publishing' | 'unpatched-advisory' | 'dangerous-workflow';

export interface UpstreamContext {
  readonly package: string;
  readonly version?: string | null;
  readonly repository: Repository;
  /** For unpatched-advisory. The summary is untrusted text: it only goes into the private report. */
  readonly advisory?: { readonly id: string; readonly aliases?: readonly string[]; readonly summary?: string | null } | null;
  /** For dangerous-workflow: the workflow file Scorecard flagged, if known. */
  readonly workflow?: string | null;
}

export interface UpstreamDraft {
  readonly topic: UpstreamTopic;
  /** The page to open in the browser. */
  readonly url: string;
  readonly title: string;
  /** The text the link carries (empty for GitHub's private form, which takes none). */
  readonly body: string;
  readonly shortened: boolean;
  /** Details for a private report, for the user to paste into the private form; never in a URL. */
  readonly privateText: string | null;
  /** A minimal public issue asking how to report privately, for when no private channel exists. */
  readonly fallbackUrl: string | null;
  readonly notes: readonly string[];
}

const LINKS = {
  securityPolicy: 'https://docs.github.com/en/code-security/getting-started/adding-a-security-policy-to-your-repository',
  privateReporting: 'https://docs.github.com/en/code-security/security-advisories/working-with-repository-security-advisories/configuring-private-vulnerability-reporting-for-a-repository',
  disclosureGuide: 'https://github.com/ossf/oss-vulnerability-guide',
  trustedPublishing: 'https://docs.pypi.org/trusted-publishers/',
  dangerousWorkflow: 'https://github.com/ossf/scorecard/blob/main/docs/checks.md#dangerous-workflow',
};

const SIGNATURE = '\n\n---\nDrafted with Beachcomber; edit freely before sending.';

export function draftUpstream(topic: UpstreamTopic, context: UpstreamContext, maxUrlLength?: number): UpstreamDraft {
  if (topic === 'unpatched-advisory') return advisoryDraft(context, maxUrlLength);
  const draft = topic === 'security-policy' ? securityPolicy(context) : topic === 'trusted-publishing' ? trustedPublishing(context) : dangerousWorkflow(context);
  const link = newIssueUrl(context.repository, draft, maxUrlLength);
  const notes = topic === 'dangerous-workflow' ? ['If you believe the workflow can be exploited today, report it privately instead (Fix upstream → report an unpatched advisory).'] : [];
  return { topic, url: link.url, title: draft.title, body: link.body, shortened: link.shortened, privateText: null, fallbackUrl: null, notes };
}

function securityPolicy(context: UpstreamContext): IssueDraft {
  const github = context.repository.host === 'github';
  const lines = [
    `Thank you for maintaining ${context.package}. We depend on it and would like to know how to report a security problem privately, should we ever find one.`,
    '',
    'Could you add a security policy (a SECURITY.md file) that says how to report vulnerabilities and which versions receive fixes?',
    github ? `GitHub explains it here: ${LINKS.securityPolicy}\nEnabling private vulnerability reporting would give reporters a private channel: ${LINKS.privateReporting}` : `The OpenSSF guide to coordinated disclosure has templates: ${LINKS.disclosureGuide}`,
  ];
  return { title: 'Add a security policy (SECURITY.md)', body: lines.join('\n') + SIGNATURE };
}

function trustedPublishing(context: UpstreamContext): IssueDraft {
  const lines = [
    `Thank you for maintaining ${context.package}. Would you consider publishing its releases to PyPI with Trusted Publishing?`,
    '',
    'It lets the CI workflow upload releases without a long-lived API token, and releases then carry attestations (PEP 740) that tell users which repository and workflow built them.',
    `PyPI's guide: ${LINKS.trustedPublishing}`,
  ];
  return { title: 'Publish to PyPI with Trusted Publishing', body: lines.join('\n') + SIGNATURE };
}

function dangerousWorkflow(context: UpstreamContext): IssueDraft {
  const where = context.workflow ? ` (${context.workflow})` : '';
  const lines = [
    `Thank you for maintaining ${context.package}. OpenSSF Scorecard's Dangerous-Workflow check flags a GitHub Actions workflow in this repository${where}.`,
    '',
    'The check looks for patterns that can let code from a pull request run with the repository\'s secrets or write permissions, such as checking out the pull request\'s code in a `pull_request_target` or `workflow_run` workflow, or using untrusted event fields directly in `run:` scripts.',
    `What the check means and how to fix it: ${LINKS.dangerousWorkflow}`,
  ];
  return { title: 'CI: a workflow is flagged by Scorecard\'s Dangerous-Workflow check', body: lines.join('\n') + SIGNATURE };
}

function advisoryDraft(context: UpstreamContext, maxUrlLength?: number): UpstreamDraft {
  const repository = context.repository;
  const privateText = privateReport(context);
  const contact: IssueDraft = {
    title: 'How can we report a security issue privately?',
    body: `We would like to report a security issue in ${context.package} privately. Could you tell us how (for example by enabling private vulnerability reporting, ${LINKS.privateReporting}, or adding a SECURITY.md)? We will not post details here.${SIGNATURE}`,
  };
  const fallback = newIssueUrl(repository, contact, maxUrlLength);
  const form = privateReportUrl(repository);
  if (form) {
    const notes = ['GitHub opens its private vulnerability reporting form: paste the prepared text there. If the form says private reporting is not enabled, use the fallback issue, which asks for a private contact without any details.'];
    return { topic: 'unpatched-advisory', url: form, title: `Security report: ${context.package}`, body: '', shortened: false, privateText, fallbackUrl: fallback.url, notes };
  }
  const confidential = newIssueUrl(repository, { title: `Security report: ${context.package}`, body: `Details follow in this confidential issue.${SIGNATURE}`, confidential: true }, maxUrlLength);
  const notes = ['GitLab opens a new issue marked confidential: check that "This issue is confidential" is ticked before you paste the prepared details and submit.'];
  return { topic: 'unpatched-advisory', url: confidential.url, title: `Security report: ${context.package}`, body: confidential.body, shortened: confidential.shortened, privateText, fallbackUrl: fallback.url, notes };
}

/** The details, for a private channel only. */
function privateReport(context: UpstreamContext): string {
  const advisory = context.advisory;
  const ids = advisory ? [advisory.id, ...(advisory.aliases ?? [])].join(', ') : 'an advisory';
  const lines = [
    `${context.package}${context.version ? ` ${context.version}` : ''} is affected by ${ids}, and no released version fixes it yet.`,
    advisory?.summary ? `Summary: ${advisory.summary}` : '',
    '',
    'Is a fix planned, and is there a version or a workaround you would recommend meanwhile?',
  ];
  return lines.filter((line, i) => line !== '' || i === 2).join('\n') + SIGNATURE;
}
