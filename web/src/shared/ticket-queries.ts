import { useQuery } from '@tanstack/react-query';
import { allMessages, get, type Ticket } from './api.js';

/** A ticket and its whole conversation; the conversation is asked for once the ticket is known visible. */
export function useTicketWithMessages(number: number) {
  const ticket = useQuery({ queryKey: ['ticket', number], queryFn: () => get<Ticket>(`/api/v1/tickets/${number}`) });
  const messages = useQuery({
    queryKey: ['messages', number],
    queryFn: () => allMessages(number),
    enabled: ticket.isSuccess,
  });
  return { ticket, messages };
}
