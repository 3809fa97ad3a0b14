export { parseRepositoryUrl, repositoryFrom, type Repository } from './repository';
export { DEFAULT_MAX_URL_LENGTH, SHORTENED_NOTE, newIssueUrl, privateReportUrl, type IssueDraft, type IssueLink } from './issue-url';
export { draftUpstream, type UpstreamContext, type UpstreamDraft, type UpstreamTopic } from './drafts';
