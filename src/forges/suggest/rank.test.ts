import { describe, expect, it } from 'vitest';
import { type Candidate, rankSuggestions } from './rank.js';

// The order an agent reads: a fix newer than the customer's version, then open issues, then closed
// ones; within each, what our history and the forges' search say.

const now = new Date('2026-12-01T12:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

function candidate(number: number, over: Partial<Candidate> = {}): Candidate {
  return {
    url: `https://gitlab.example/g/p/-/issues/${number}`,
    forgeId: 'f',
    forgeName: 'GitLab',
    forgeKind: 'gitlab',
    project: 'g/p',
    number,
    title: `Issue ${number}`,
    state: 'open',
    stateReason: null,
    fixVersion: null,
    linkedTickets: 0,
    evidence: [],
    forgeHits: [],
    ...over,
  };
}
const hit = (queryIndex: number, position: number) => ({
  forgeName: 'GitLab',
  query: 'PG::QueryCanceled',
  queryIndex,
  position,
});

describe('ranking suggestions', () => {
  it('puts a closed issue fixed after the customer’s version first, then open, then closed', () => {
    const ranked = rankSuggestions(
      [
        candidate(1, { forgeHits: [hit(0, 0)] }),
        candidate(2, { state: 'closed', stateReason: 'completed', fixVersion: '17.4', forgeHits: [hit(1, 3)] }),
        candidate(3, { state: 'closed', stateReason: 'completed', fixVersion: '17.2', forgeHits: [hit(0, 1)] }),
        candidate(4, { state: 'closed', stateReason: 'not_planned', forgeHits: [hit(0, 2)] }),
      ],
      { customerVersion: '17.3.1', now },
    );
    expect(ranked.map((r) => r.number)).toEqual([2, 1, 3, 4]);
    expect(ranked[0]?.reasons[0]).toBe('Fixed in 17.4; the customer runs 17.3.1.');
    expect(ranked[2]?.reasons[0]).toBe('Fixed in 17.2, which the customer already runs (17.3.1).');
    expect(ranked[3]).toMatchObject({ fixedIn: null });
    expect(ranked[3]?.reasons[0]).toBe('Closed without a fix (not planned).');
  });

  it('without the customer’s version, a fix is not assumed to be newer', () => {
    const ranked = rankSuggestions(
      [
        candidate(1, { forgeHits: [hit(0, 1)] }),
        candidate(2, { state: 'closed', stateReason: 'completed', fixVersion: '17.10', forgeHits: [hit(0, 0)] }),
      ],
      { customerVersion: null, now },
    );
    expect(ranked.map((r) => r.number)).toEqual([1, 2]);
    expect(ranked[1]?.fixedIn).toBe('17.10');
  });

  it('weighs our own linked tickets: the same failure counts more than a shared class, recent more than old', () => {
    const ranked = rankSuggestions(
      [
        candidate(1, {
          evidence: [
            {
              ticketId: 10,
              sharedKeys: ['exception:PG::QueryCanceled'],
              sharedWords: [],
              textRank: 0,
              subjectSimilarity: 0,
              createdAt: daysAgo(1),
            },
          ],
        }),
        candidate(2, {
          linkedTickets: 2,
          evidence: [
            {
              ticketId: 11,
              sharedKeys: ['failure:PG::QueryCanceled: canceling statement due to statement timeout'],
              sharedWords: [],
              textRank: 0,
              subjectSimilarity: 0,
              createdAt: daysAgo(3),
            },
            {
              ticketId: 12,
              sharedKeys: ['failure:PG::QueryCanceled: canceling statement due to statement timeout'],
              sharedWords: [],
              textRank: 0,
              subjectSimilarity: 0,
              createdAt: daysAgo(400),
            },
          ],
        }),
      ],
      { customerVersion: null, now },
    );
    expect(ranked.map((r) => r.number)).toEqual([2, 1]);
    expect(ranked[0]?.reasons).toEqual([
      '2 tickets with “PG::QueryCanceled: canceling statement due to statement timeout” are linked to it (latest 3 days ago).',
    ]);
    expect(ranked[0]?.linkedTickets).toBe(2);
  });

  it('needs more than one shared word, and leaves out what says too little', () => {
    const base = { sharedKeys: [], textRank: 0.2, subjectSimilarity: 0.1, createdAt: daysAgo(1) };
    const one = { ...base, ticketId: 1, sharedWords: ['runner'] };
    const three = { ...base, ticketId: 2, sharedWords: ['runner', 'artifact', 'proxi'], createdAt: daysAgo(2) };
    const ranked = rankSuggestions([candidate(1, { evidence: [one] }), candidate(2, { evidence: [three] })], {
      customerVersion: null,
      now,
    });
    expect(ranked.map((r) => r.number)).toEqual([2]);
    expect(ranked[0]?.reasons).toEqual(['1 ticket linked to it says “runner”, “artifact”, “proxi” too (2 days ago).']);
  });

  it('a subject much like this one’s counts on its own', () => {
    const alike = {
      ticketId: 3,
      sharedKeys: [],
      sharedWords: [],
      textRank: 0,
      subjectSimilarity: 0.6,
      createdAt: daysAgo(5),
    };
    const ranked = rankSuggestions([candidate(3, { evidence: [alike] })], { customerVersion: null, now });
    expect(ranked[0]?.reasons).toEqual(['1 ticket linked to it has a subject like this one (5 days ago).']);
  });

  it('says where the forge’s search put it', () => {
    const ranked = rankSuggestions([candidate(1, { forgeHits: [hit(1, 1), hit(0, 2)] })], {
      customerVersion: null,
      now,
    });
    expect(ranked[0]?.reasons).toEqual(["GitLab's search for “PG::QueryCanceled” found it (3rd match)."]);
  });

  it('a weak key the evidence of many issues shares counts for little; one few issues share keeps its weight', () => {
    // ten issues whose tickets each share GRPC::Unavailable and two words with this one; one issue whose
    // tickets share the same two words and the Gitaly frame
    const common = (ticketId: number) => ({
      ticketId,
      sharedKeys: ['exception:GRPC::Unavailable'],
      sharedWords: ['gitali', 'restart'],
      textRank: 0.1,
      subjectSimilarity: 0,
      createdAt: daysAgo(1),
    });
    const crowd = Array.from({ length: 10 }, (_, i) => candidate(100 + i, { evidence: [common(100 + i)] }));
    const right = candidate(7, {
      evidence: [{ ...common(7), sharedKeys: ['job:GitGarbageCollectWorker'], createdAt: daysAgo(60) }],
    });
    const ranked = rankSuggestions([...crowd, right], { customerVersion: null, now });
    expect(ranked[0]?.number).toBe(7);
    const crowded = ranked.find((r) => r.number === 100)?.score ?? 0;
    // with few issues sharing it, the same class keeps its full weight (1): 1 + 8 × 0.1 for the words
    const alone = rankSuggestions([candidate(100, { evidence: [common(100)] }), right], { customerVersion: null, now });
    expect(alone.find((r) => r.number === 100)?.score).toBeCloseTo(1.8, 1);
    expect(crowded).toBeCloseTo(0.3 + 0.8, 1);
  });
});
