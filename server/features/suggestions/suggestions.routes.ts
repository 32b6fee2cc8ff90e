import { Type } from 'typebox';
import { LIMITED_ERROR_RESPONSES } from '../../contracts/errors';
import { SectionParams } from '../../contracts/params';
import { MAX_DECISION_NOTE_LENGTH } from '../../contracts/proposals';
import {
  AcceptBody,
  AcceptResult,
  Basket,
  MAX_SUGGESTION_REASON_LENGTH,
  MAX_SUGGESTION_REPLACEMENT_LENGTH,
  RejectSuggestionsBody,
  SendBasketBody,
  SuggestBody,
  Suggestion,
  SuggestionIdParams,
  SuggestionList,
  SuggestionsQuery,
} from '../../contracts/suggestions';
import type { App } from '../../platform/fastify';
import { rejectInvalidForm } from '../../platform/form-errors';
import { acceptSuggestions } from '../../commands/accept-suggestions';
import { rejectSuggestions } from './suggestion-review.service';
import { getBasket, listSuggestions, removeFromBasket, sendBasket, setSupport, suggest } from './suggestions.service';

const tags = ['suggestions'];
const errors = LIMITED_ERROR_RESPONSES;
const RELOAD = { missing: 'Reload the page and select the passage again.', invalid: 'Reload the page and select the passage again.' };
const IDS = { missing: 'Choose at least one suggestion.', invalid: 'Choose between 1 and 100 suggestions, each once.' };

const SUGGEST_MESSAGES = {
  baseRevision: RELOAD,
  block: RELOAD,
  start: RELOAD,
  end: RELOAD,
  replacement: { missing: 'Enter your wording.', invalid: `Enter your wording in ${MAX_SUGGESTION_REPLACEMENT_LENGTH.toLocaleString('en-GB')} characters or fewer.` },
  reason: { missing: 'Say why you suggest this change.', invalid: `Say why in ${MAX_SUGGESTION_REASON_LENGTH.toLocaleString('en-GB')} characters or fewer.` },
  send: { missing: 'Choose whether to send now.', invalid: 'Choose whether to send now.' },
};
const SEND_MESSAGES = { summary: { missing: 'Enter a summary.', invalid: 'Enter a summary in 200 characters or fewer.' } };
const ACCEPT_MESSAGES = {
  ids: IDS,
  currentRevision: { missing: 'Reload the page and review again.', invalid: 'Reload the page and review again.' },
  choices: { missing: 'Choose one wording for each conflict.', invalid: 'Choose one wording for each conflict.' },
};
const REJECT_MESSAGES = {
  ids: IDS,
  reason: { missing: 'Enter the reason for rejecting.', invalid: `Enter the reason in ${MAX_DECISION_NOTE_LENGTH.toLocaleString('en-GB')} characters or fewer.` },
};
const SupportResponse = Type.Object({ supports: Type.Integer(), supported: Type.Boolean() });

/** Suggestions: proposals on one passage, gathered in a basket, supported, accepted or rejected in place. */
export async function suggestionsRoutes(app: App): Promise<void> {
  app.get(
    '/api/consultations/:c/sections/:s/suggestions',
    { schema: { tags, description: 'The section’s sent suggestions the caller may read, with the current blocks’ Markdown sources that ranges count in.', params: SectionParams, querystring: SuggestionsQuery, response: { 200: SuggestionList, ...errors } } },
    async (request) => listSuggestions(app.db, request.user, request.params.c, request.params.s, request.query),
  );

  app.post(
    '/api/consultations/:c/sections/:s/suggestions',
    { attachValidation: true, schema: { tags, description: 'Suggests a change to one passage: a proposal whose change is exactly that range of one block.', params: SectionParams, body: SuggestBody, response: { 201: Type.Object({ suggestion: Suggestion, proposalId: Type.Union([Type.Integer(), Type.Null()]) }), ...errors } } },
    async (request, reply) => {
      rejectInvalidForm(request, SuggestBody, SUGGEST_MESSAGES);
      return reply.status(201).send(await suggest(app.db, request.user, request.params.c, request.params.s, request.body, app.config));
    },
  );

  app.get(
    '/api/consultations/:c/sections/:s/suggestions/basket',
    { schema: { tags, params: SectionParams, response: { 200: Basket, ...errors } } },
    async (request) => ({ suggestions: await getBasket(app.db, request.user, request.params.c, request.params.s) }),
  );

  app.post(
    '/api/consultations/:c/sections/:s/suggestions/basket/send',
    { attachValidation: true, schema: { tags, params: SectionParams, body: SendBasketBody, response: { 201: Type.Object({ proposalId: Type.Integer() }), ...errors } } },
    async (request, reply) => {
      rejectInvalidForm(request, SendBasketBody, SEND_MESSAGES);
      return reply.status(201).send({ proposalId: await sendBasket(app.db, request.user, request.params.c, request.params.s, request.body, app.config) });
    },
  );

  app.delete(
    '/api/suggestions/:id',
    { schema: { tags, description: 'Removes a suggestion from your basket (before it is sent).', params: SuggestionIdParams, response: { 200: Type.Object({ removed: Type.Integer() }), ...errors } } },
    async (request) => {
      await removeFromBasket(app.db, request.user, request.params.id);
      return { removed: request.params.id };
    },
  );

  app.post(
    '/api/suggestions/:id/support',
    { schema: { tags, params: SuggestionIdParams, response: { 200: SupportResponse, ...errors } } },
    async (request) => setSupport(app.db, request.user, request.params.id, true),
  );

  app.delete(
    '/api/suggestions/:id/support',
    { schema: { tags, params: SuggestionIdParams, response: { 200: SupportResponse, ...errors } } },
    async (request) => setSupport(app.db, request.user, request.params.id, false),
  );

  app.post(
    '/api/consultations/:c/sections/:s/suggestions/accept',
    { attachValidation: true, schema: { tags, description: 'Editors only.', params: SectionParams, body: AcceptBody, response: { 200: AcceptResult, ...errors } } },
    async (request) => {
      rejectInvalidForm(request, AcceptBody, ACCEPT_MESSAGES);
      return acceptSuggestions(app.db, request.user, request.params.c, request.params.s, request.body);
    },
  );

  app.post(
    '/api/consultations/:c/sections/:s/suggestions/reject',
    { attachValidation: true, schema: { tags, description: 'Editors only.', params: SectionParams, body: RejectSuggestionsBody, response: { 200: Type.Object({ rejected: Type.Array(Type.Integer()) }), ...errors } } },
    async (request) => {
      rejectInvalidForm(request, RejectSuggestionsBody, REJECT_MESSAGES);
      return { rejected: await rejectSuggestions(app.db, request.user, request.params.c, request.params.s, request.body) };
    },
  );
}
