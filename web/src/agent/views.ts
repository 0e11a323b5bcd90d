// The built-in views of the side bar: each is a filter on GET /api/v1/tickets.
export interface ViewDef {
  id: string;
  name: string;
  query: string;
  empty: string;
  /** counting every ticket of a large desk costs more than the number tells */
  uncounted?: boolean;
}

export const VIEWS: ViewDef[] = [
  {
    id: 'mine',
    name: 'My open tickets',
    query: 'assignee=me&status=new,open',
    empty: 'Nothing waits on you. Take one from Unassigned.',
  },
  {
    id: 'unassigned',
    name: 'Unassigned',
    query: 'assignee=none&status=new,open',
    empty: 'Every open ticket has an owner.',
  },
  {
    id: 'on-shift',
    name: 'Team on shift',
    query: 'assignee=on-shift&status=new,open',
    empty: 'Nobody on shift holds an open ticket, or nobody is on shift now (see Coverage).',
  },
  {
    id: 'watching',
    name: 'Watching an issue',
    query: 'status=watching',
    empty: 'No ticket waits on a public issue. Link one from a ticket and set it to watching.',
  },
  {
    id: 'pending',
    name: 'Pending',
    query: 'status=pending',
    empty: 'No ticket waits on a customer.',
  },
  {
    id: 'all',
    name: 'All tickets',
    query: '',
    empty: 'No tickets yet. Mail to the support address opens one.',
    uncounted: true,
  },
];
