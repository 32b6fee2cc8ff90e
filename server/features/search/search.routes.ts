import { ErrorBody } from '../../contracts/errors';
import { SearchQuery, SearchResults } from '../../contracts/search';
import type { App } from '../../platform/fastify';
import { search } from './search.service';

export async function searchRoutes(app: App): Promise<void> {
  app.get(
    '/api/search',
    {
      schema: {
        tags: ['search'],
        description: 'Full-text search of the current text of every section and of every visible comment. Any text is safe to send: it is searched for as words, never read as query syntax.',
        querystring: SearchQuery,
        response: { 200: SearchResults, 400: ErrorBody },
      },
    },
    async (request) => search(app.db, request.query),
  );
}
