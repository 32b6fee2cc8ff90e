import { Type } from 'typebox';
import { AdminUser, BlockBody, ChangeRoleBody, UserIdParams, UserPage, UsersQuery } from '../../contracts/auth';
import { ERROR_RESPONSES } from '../../contracts/errors';
import type { App } from '../../platform/fastify';
import { rejectInvalidForm } from '../../platform/form-errors';
import { enforce } from '../../platform/decisions';
import { mayManageUser, mayManageUsers } from './users.policy';
import { blockUser, changeRole, getUsers, unblockUser } from './users.service';

const AdminUserResponse = Type.Object({ user: AdminUser });
const errors = ERROR_RESPONSES;

/** Account administration: admins list accounts, change roles, block and unblock. */
export async function usersRoutes(app: App): Promise<void> {
  app.get(
    '/api/users',
    { schema: { tags: ['users'], querystring: UsersQuery, response: { 200: UserPage, ...errors } } },
    async (request) => {
      enforce(mayManageUsers(request.user));
      return getUsers(app.db, request.query.page ?? 1, request.query.q);
    },
  );

  app.post(
    '/api/users/:id/role',
    { schema: { tags: ['users'], params: UserIdParams, body: ChangeRoleBody, response: { 200: AdminUserResponse, ...errors } } },
    async (request) => {
      enforce(mayManageUser(request.user, request.params.id));
      return { user: await changeRole(app.db, request.params.id, request.body.role) };
    },
  );

  app.post(
    '/api/users/:id/block',
    { attachValidation: true, schema: { tags: ['users'], params: UserIdParams, body: BlockBody, response: { 200: AdminUserResponse, ...errors } } },
    async (request) => {
      enforce(mayManageUser(request.user, request.params.id));
      rejectInvalidForm(request, BlockBody, {
        reason: { missing: 'Enter the reason for blocking this account.', invalid: 'The reason must be 500 characters or fewer.' },
      });
      return { user: await blockUser(app.db, request.params.id, request.body.reason) };
    },
  );

  app.post(
    '/api/users/:id/unblock',
    { schema: { tags: ['users'], params: UserIdParams, response: { 200: AdminUserResponse, ...errors } } },
    async (request) => {
      enforce(mayManageUser(request.user, request.params.id));
      return { user: await unblockUser(app.db, request.params.id) };
    },
  );
}
