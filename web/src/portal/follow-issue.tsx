import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type IssueLink } from '../shared/api.js';
import { ErrorText } from '../shared/ui.js';

// A fix card's "How to follow this issue": the customer can hear of every change on the public issue
// from the forge itself, and ask to be counted among those affected (a number on the issue, no name).

const FOLLOW_WORDS: Record<'gitlab' | 'github', string> = {
  gitlab:
    'Open the issue and select the bell (Notifications) to hear of every change; add a 👍 to show you are affected; comment with your use case.',
  github:
    'Open the issue and select Subscribe to hear of every change; add a 👍 reaction to show you are affected; comment with your use case.',
};

const COUNTED = 'Your organization is counted on the issue (anonymously).';

export function FollowIssue({ number, link }: { number: number; link: IssueLink }) {
  const client = useQueryClient();
  const demand = useMutation({
    mutationFn: () => api('POST', `/api/v1/tickets/${number}/links/${link.id}/demand`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['links', number] }),
  });
  const counted = link.demandAsked || demand.isSuccess;
  const headingId = `follow-${link.id}`;
  return (
    <section className="follow-issue" aria-labelledby={headingId}>
      <h3 id={headingId}>How to follow this issue</h3>
      <p className="follow-url">
        <a href={link.url} target="_blank" rel="noopener noreferrer">
          {link.url}
        </a>
      </p>
      <p className="small">{FOLLOW_WORDS[link.forgeKind === 'github' ? 'github' : 'gitlab']}</p>
      {!counted && link.canAskDemand && (
        <button type="button" className="small" disabled={demand.isPending} onClick={() => demand.mutate()}>
          Tell the team we are affected
        </button>
      )}
      <p role="status" className="follow-counted small">
        {counted ? COUNTED : ''}
      </p>
      <ErrorText error={demand.error} />
    </section>
  );
}
