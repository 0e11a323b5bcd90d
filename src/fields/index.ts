// The fields module's public surface: custom ticket fields and their values.

export { createField, deleteField, listFields, updateField } from './define-field.js';
export { FIELD_FILTER_PREFIX, fieldFilterConditions } from './field-filter.js';
export {
  getTicketFields,
  type NewTicketFields,
  prepareNewTicketFields,
  setTicketFields,
  storeNewTicketFields,
} from './ticket-fields.js';
