// Generated from the api's OpenAPI document by `npm run gen:api`. Do not edit.
export interface paths {
  '/api/alerts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Alerts of the numbers of departments you read, newest first (status: open (default), acknowledged, unacknowledged, resolved, all) */
    get: operations['AlertsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/alerts/{id}/acknowledge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Acknowledge an alert (audited); it stays open until its cause is gone. Again is a no-op */
    post: operations['AlertsController_acknowledge'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/api-tokens': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** API tokens (never the tokens themselves) */
    get: operations['ApiTokensController_list'];
    put?: never;
    /** Create a scoped API token; the token is in this response only */
    post: operations['ApiTokensController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/api-tokens/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke an API token (effective on its next use) */
    delete: operations['ApiTokensController_revoke'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/audit-events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The audit log, newest first; filter by action prefix or actor */
    get: operations['AuditController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Choose a password with an invitation or password-reset link (single use) */
    post: operations['AuthController_accept'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign in with e-mail and password: an access token, and the refresh token as an httpOnly cookie */
    post: operations['AuthController_login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign out this login (the refresh cookie identifies it) */
    post: operations['AuthController_logout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/logout-all': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign out every session of the current user */
    post: operations['AuthController_logoutAll'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The signed-in user with their department roles, and whether two-step sign-in and a password are set */
    get: operations['AuthController_me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/mfa/challenge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** What a pending second step needs (after single sign-on): a code, or a setup first */
    post: operations['AuthController_challenge'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/mfa/confirm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Confirm the TOTP app with a code; sign-ins need a code from then on */
    post: operations['AuthController_confirmMfa'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/mfa/disable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Turn the second factor off (needs a current code; refused for admins under the policy) */
    post: operations['AuthController_disableMfa'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/mfa/setup': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start setting up a TOTP app: a new secret (shown once), active after /mfa/confirm; replacing one needs its code */
    post: operations['AuthController_setupMfa'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/mfa/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Second sign-in step: the challenge from /login and a TOTP code; then a session */
    post: operations['AuthController_verifyMfa'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/oidc/{provider}/start': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Redirects to the provider to sign in */
    get: operations['SsoController_start'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/providers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Single sign-on providers for the sign-in page */
    get: operations['SsoController_providers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Exchange the refresh cookie for a new access token (the cookie rotates) */
    post: operations['AuthController_refresh'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/cards': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Cards, newest first: filter by pipeline, department, stage, assignee, label, priority; search with q
     * @description Each card carries its conversation's state for lists and screens: `lastSpeaker` (customer, agent, system), `waitingSince`, `window` (`closesAt`, `open`, `templateOnly`: Meta's 24-hour free-reply window) and `sla` (`status`: green when the team spoke last, yellow while the customer waits (also with no SLA policy, then without a deadline), red past a deadline; `warning`, `clockKind`, `dueAt`, `timeLeftMs` or `overdueMs` computed when read, `paused`).
     */
    get: operations['CardsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/cards/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One card with its stage, field values and customer
     * @description Each card carries its conversation's state for lists and screens: `lastSpeaker` (customer, agent, system), `waitingSince`, `window` (`closesAt`, `open`, `templateOnly`: Meta's 24-hour free-reply window) and `sla` (`status`: green when the team spoke last, yellow while the customer waits (also with no SLA policy, then without a deadline), red past a deadline; `warning`, `clockKind`, `dueAt`, `timeLeftMs` or `overdueMs` computed when read, `paused`).
     */
    get: operations['CardsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change the title or field values (validated by field type; null clears a field) */
    patch: operations['CardsController_update'];
    trace?: never;
  };
  '/api/cards/{id}/actions/{pluginId}/{action}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Run a plugin's card action on the card (queued; the timeline records it) */
    post: operations['CardsController_action'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/cards/{id}/move': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Move to another stage: 422 when required fields are missing (`missingFields`: their keys), 409 at the WIP limit (`code: wip_limit`) or for a retired stage, 400 naming a field value that does not fit its type */
    post: operations['CardsController_move'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/cards/{id}/notes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add an internal note to the card timeline (never sent to the customer) */
    post: operations['CardsController_note'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/cards/{id}/timeline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The card timeline, oldest first: created, stage moves (who, when, from, to), edits, notes */
    get: operations['CardsController_timeline'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/contacts/{id}/attributes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A contact's custom attributes */
    get: operations['ContactAttributesController_get'];
    /** Replace a contact's custom attributes (≤ 50 keys, string/number/boolean values) */
    put: operations['ContactAttributesController_set'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/contacts/{id}/marketing-consent': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The contact's marketing consent toward its WABA (granted unless stopped) and every change: Meta's user_preferences stop/resume and consent recorded through the API */
    get: operations['MarketingConsentController_get'];
    /** Record consent collected elsewhere (granted or stopped, with a note); it applies now and is audited. A stop blocks MARKETING templates to the contact */
    put: operations['MarketingConsentController_put'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List conversations, newest activity first (keyset pagination via nextCursor)
     * @description Each item carries its state for lists and screens: `lastSpeaker` (customer, agent, system), `waitingSince`, `window` (`closesAt`, `open`, `templateOnly`: Meta's 24-hour free-reply window) and `sla` (`status`: green when the team spoke last, yellow while the customer waits (also with no SLA policy, then without a deadline), red past a deadline; `warning`, `clockKind`, `dueAt`, `timeLeftMs` or `overdueMs` computed when read, `paused`).
     */
    get: operations['ConversationsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One conversation with contact, department, card stage, last message and waiting state
     * @description Each item carries its state for lists and screens: `lastSpeaker` (customer, agent, system), `waitingSince`, `window` (`closesAt`, `open`, `templateOnly`: Meta's 24-hour free-reply window) and `sla` (`status`: green when the team spoke last, yellow while the customer waits (also with no SLA policy, then without a deadline), red past a deadline; `warning`, `clockKind`, `dueAt`, `timeLeftMs` or `overdueMs` computed when read, `paused`).
     */
    get: operations['ConversationsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}/assignee': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Assign to an agent of the department, or null to return it to the queue */
    put: operations['ConversationAssignmentController_setAssignee'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}/claim': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Claim a waiting conversation (409 already_owned naming the owner, 409 over_capacity) */
    post: operations['ConversationAssignmentController_claim'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}/close': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Close the conversation (its owner is kept as history) */
    post: operations['ConversationOwnershipController_close'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}/labels': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add and remove labels (trimmed, lowercased; at most 20 per conversation) */
    post: operations['ConversationOwnershipController_changeLabels'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}/media': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Upload a file to send in a conversation (to Meta, as the conversation's number)
     * @description Send the answer's `mediaId` with POST /api/conversations/{id}/messages (`type` as answered). Meta's limits per kind: image jpeg/png 5 MB, video mp4/3gpp 16 MB, audio aac/amr/mpeg/mp4/ogg 16 MB, document (txt, pdf, Office) 100 MB, sticker webp 500 KB.
     */
    post: operations['MediaUploadController_upload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Messages of a conversation, oldest first within a page; page back with `before` */
    get: operations['ConversationsController_messages'];
    put?: never;
    /** Send a reply (text, media, or template). Accepted for sending; statuses arrive from Meta. */
    post: operations['ReplyController_reply'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}/priority': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Set the priority: low, normal, high or urgent (queues serve urgent first) */
    put: operations['ConversationOwnershipController_setPriority'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}/read': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mark the conversation read for the caller, up to a message or (no body) everything so far
     * @description Sets the caller's own read mark: the last customer message read. It only moves forward (an older `messageId` leaves a newer mark in place), and other users' marks and counts are untouched. When it moves, the caller's own sockets get `conversation.read` (data: this answer and the conversation's `lastMessageId`), so their other tabs clear the count.
     */
    post: operations['ConversationReadsController_markRead'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}/reopen': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reopen a closed conversation: unowned, back in its queue for routing and assignment */
    post: operations['ConversationOwnershipController_reopen'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}/sla': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The conversation's SLA clocks (first/next response, resolution, stages: state, counted time, deadlines) and the transitions that explain them
     * @description Transitions are oldest first, at most the latest 500 per clock; `truncated: true` says a clock's older ones were left out (the clock's own figures stay complete). A running clock whose deadline never comes (its department's calendar has no open time ahead) shows `dueAt` and `warnAt` null.
     */
    get: operations['ConversationSlaController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}/snooze': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Snooze until a time (future, at most 90 days) or until the customer's next message */
    post: operations['ConversationOwnershipController_snooze'];
    /** Wake a snoozed conversation now */
    delete: operations['ConversationOwnershipController_unsnooze'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}/take-over': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A supervisor becomes the owner (audited; the previous owner is told through conversation.assigned) */
    post: operations['ConversationOwnershipController_takeOver'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}/transfer': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Move the conversation and its card to another department's default pipeline, keeping one timeline; unowned there */
    post: operations['ConversationOwnershipController_transfer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}/transfer-to-number': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Continue the conversation from another number of the same WhatsApp Business Account
     * @description Meta ties a conversation and its 24-hour window to one customer and one business number, so a conversation cannot change numbers. The customer's open conversation on the target number is used, or a new one (with its card) is opened there in that number's department, unowned and routed like any new one; the original is closed with the note, and both cards' timelines link the other. Until the customer writes to the target number, replies from it need an approved template (`windowOpen: false`). Audited (`conversation.transferred_to_number`).
     */
    post: operations['NumberTransferController_transfer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/departments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Departments you can see (members-only ones only where you are a member), with numbers and plugin */
    get: operations['DepartmentsController_list'];
    put?: never;
    /** Create a department (key: a unique lowercase slug) with its default pipeline */
    post: operations['DepartmentsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/departments/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One department with its numbers and plugin */
    get: operations['DepartmentsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Rename, set the members-only flag (it then stands over the department plugin's), or set business hours (null: the plugin's, else Mon–Fri 09–18 UTC) */
    patch: operations['DepartmentsController_update'];
    trace?: never;
  };
  '/api/departments/{id}/agents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The department's agents and supervisors: availability, capacity, skills, languages, on shift now */
    get: operations['AgentsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/departments/{id}/agents/{userId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Set an agent's capacity, skills, languages or weekly schedule in this department */
    patch: operations['AgentsController_update'];
    trace?: never;
  };
  '/api/departments/{id}/agents/{userId}/availability': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An agent's availability and its history: who changed it, when and why */
    get: operations['AgentsController_history'];
    /** Set an agent's availability (online, away, offline) with a reason; audited */
    put: operations['AgentsController_setAvailability'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/departments/{id}/archive': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Archive a department; refused (409) while WhatsApp numbers are bound to it */
    post: operations['DepartmentsController_archive'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/departments/{id}/calendar': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The department's business calendar and its source: its own, else made of its businessHours, its department plugin's, or Mon–Fri 09–18 UTC */
    get: operations['DepartmentCalendarController_get'];
    /** Set the department calendar: IANA time zone, weekly periods (ordered, not overlapping), holidays (dated or yearly), exceptions; 422 names each bad field */
    put: operations['DepartmentCalendarController_put'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/departments/{id}/calendar/holidays/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add a country's (and region's) public holidays for the given years as dated holidays; dates already there are kept */
    post: operations['DepartmentCalendarController_importHolidays'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/departments/{id}/conversation-policy': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The department's policy for a customer writing after close (default: a new conversation) */
    get: operations['ConversationPolicyController_get'];
    /** Set it: `reopen` reopens the closed conversation when it closed less than reopenWindowMinutes ago, else (and with `new`) a new conversation and card */
    put: operations['ConversationPolicyController_set'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/departments/{id}/queue': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Conversations waiting for an owner in a queue: priority, then age */
    get: operations['QueuesController_waiting'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/departments/{id}/queues': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The department's queue and its teams' queues, with strategy and policies */
    get: operations['QueuesController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/departments/{id}/queues/default': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Configure the department's own queue */
    put: operations['QueuesController_setDefault'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/departments/{id}/queues/teams/{teamId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Configure a team's queue in the department */
    put: operations['QueuesController_setTeam'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/departments/{id}/quick-replies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The department's quick replies, sorted by shortcut */
    get: operations['QuickRepliesController_list'];
    put?: never;
    /** Add a quick reply (at most 200 per department; audited) */
    post: operations['QuickRepliesController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/departments/{id}/routing-rules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The department's routing rules in the order they run (plugin rules included) */
    get: operations['RoutingRulesController_list'];
    put?: never;
    /** Add a rule after the last one; 422 names an unknown field, a bad pattern or reference */
    post: operations['RoutingRulesController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/departments/{id}/routing-rules/order': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Reorder the rules: every rule id of the department, in the new order */
    put: operations['RoutingRulesController_order'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/departments/{id}/routing-rules/test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Dry run: which rules an opening message would match and what they would do */
    post: operations['RoutingRulesController_test'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/departments/{id}/sla-policies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The department's SLA policies in the order they are tried (plugin policies included) */
    get: operations['SlaPoliciesController_list'];
    put?: never;
    /** Add a policy after the last one; 422 names the field: a warning not before its deadline, no target, an unknown number, stage or escalation user */
    post: operations['SlaPoliciesController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/departments/{id}/sla-policies/order': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Reorder the policies: these ids first, in this order; the others follow as they were */
    put: operations['SlaPoliciesController_order'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/inbound-events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Webhook deliveries, newest first; filter by status to find partial or failed ones */
    get: operations['InboundEventsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/inbound-events/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One delivery with its item failures and the raw body exactly as Meta sent it */
    get: operations['InboundEventsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/inbound-events/{id}/replay': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Process a delivery again (idempotent: stored items are skipped, failed ones are retried) */
    post: operations['InboundEventsController_replay'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change your name and/or e-mail; a new e-mail needs currentPassword (checked like a sign-in) */
    patch: operations['ProfileController_update'];
    trace?: never;
  };
  '/api/me/availability': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your availability and its history */
    get: operations['MyAvailabilityController_get'];
    /** Set your availability: online, away or offline */
    put: operations['MyAvailabilityController_set'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/me/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Change your password (the product’s password rule applies); every other session of yours is signed out */
    post: operations['ProfileController_changePassword'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/me/sign-out-others': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign out every other session of yours; this one stays */
    post: operations['ProfileController_signOutOthers'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/me/transfer-targets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Departments you may transfer conversations to (members-only ones only for members) and enabled numbers of the same WhatsApp accounts */
    get: operations['TransferTargetsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/messages/{id}/media': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Download the stored media of a message */
    get: operations['MediaController_media'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/numbers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** WhatsApp numbers you can see (members-only departments only where you are a member) */
    get: operations['NumbersController_list'];
    put?: never;
    /** Register a number (secrets are write-only); refused with 422 and each failing check when the connection test fails */
    post: operations['NumbersController_register'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/numbers/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One WhatsApp number with what Graph last reported and its latest connection test */
    get: operations['NumbersController_get'];
    put?: never;
    post?: never;
    /** Delete a number that was never used, with its sealed secrets; 409 when it has conversations (archive it instead) or held deliveries */
    delete: operations['NumbersController_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/numbers/{id}/account-events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Account and template webhook changes applied to the number (template status, quality, tier, name, account alerts, consent), newest first, with Meta's time and ours */
    get: operations['AccountEventsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/numbers/{id}/alerts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The number's latest 100 alerts, open and resolved, newest first */
    get: operations['NumberHealthController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/numbers/{id}/archive': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Archive the number: history and conversations are kept, it leaves the list (?archived=true lists it), replies are refused, deliveries are stored, acknowledged and held, and its phone_number_id cannot be registered again */
    post: operations['NumbersController_archive'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/numbers/{id}/connection-test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Run the connection test now and keep its results (each check with Meta's error) */
    post: operations['NumbersController_testConnection'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/numbers/{id}/credentials': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Rotate the access token (checked against Graph first; a number Meta refused becomes active) or the app secret (the previous one is still accepted for whatsapp.appSecretOverlapMinutes) */
    patch: operations['NumbersController_rotate'];
    trace?: never;
  };
  '/api/numbers/{id}/disable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Disable the number: Meta's deliveries are still stored and acknowledged but held (status held), replies refused */
    post: operations['NumbersController_disable'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/numbers/{id}/enable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Enable the number again; its held deliveries are processed */
    post: operations['NumbersController_enable'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/numbers/{id}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The number's history (token refused by Meta, rotations), oldest first */
    get: operations['NumbersController_events'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/numbers/{id}/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Token and webhook subscription (last connection test), quality and its history, tier, last inbound and send, webhook lag, failed sends by Meta's code (24 h), silence alarm with the business hours applied, open alerts */
    get: operations['NumberHealthController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/numbers/{id}/health-settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Set the silence alarm: an alert after this many minutes of business hours without an inbound message (5–10080; null: off). Audited */
    patch: operations['NumberHealthController_settings'];
    trace?: never;
  };
  '/api/numbers/{id}/move': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Bind the number to another department: new conversations open there, open ones stay until closed; refused (409) while it runs a department plugin */
    post: operations['NumbersController_move'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/numbers/{id}/templates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The number's WABA templates as last synced (filters status, name) and the latest sync with its error */
    get: operations['NumbersController_listTemplates'];
    put?: never;
    /** Create a template in the number's WABA through Meta (components in Meta's shape); stored as Meta answered (usually PENDING, reviewed later by webhook). Meta's refusal: 422 with its code and subcode, nothing stored; Meta unreachable: 502 */
    post: operations['NumbersController_createTemplate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/numbers/{id}/templates/sync': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Copy the WABA's message templates from Meta (every page) with this number's token; templates Meta no longer lists are marked deleted. 502 with Meta's code when Meta refuses (nothing stored changes) */
    post: operations['NumbersController_syncTemplates'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/numbers/{id}/unarchive': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Unarchive the number; its held deliveries are processed (unless it is also disabled) */
    post: operations['NumbersController_unarchive'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/numbers/{numberId}/plugins': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The plugins loaded, each with its settings form, and their installation on the number (credentials: set or not, never their values) */
    get: operations['PluginInstallationsController_ofNumber'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/numbers/{numberId}/plugins/{pluginId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Install, enable, disable or configure a plugin on a number (effective immediately; credentials are write-only) */
    put: operations['PluginInstallationsController_upsert'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/pipelines': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Pipelines of the departments you can see, with stages (in order) and fields */
    get: operations['PipelinesController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/pipelines/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One pipeline with stages and fields */
    get: operations['PipelinesController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/pipelines/{id}/board': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The board: every stage with its card count and first cards; q searches; assignee, label, priority filter */
    get: operations['PipelinesController_board'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/pipelines/{id}/fields/{fieldKey}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Set a field's label over its plugin's, or reset: ["label"] back to the plugin's. Unknown field: 404 */
    patch: operations['PipelinesController_adjustField'];
    trace?: never;
  };
  '/api/pipelines/{id}/stages/{stageKey}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Adjust a stage over its plugin's values (name, color, wipLimit: null = no limit, requiredFields: keys of the pipeline's current fields); reset: attributes back to the plugin's. Unknown stage: 404 */
    patch: operations['PipelinesController_adjustStage'];
    trace?: never;
  };
  '/api/plugin-hook-failures': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Hook calls that threw or timed out, newest first (the last 200) */
    get: operations['PluginInstallationsController_failures'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/plugin-installations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Which plugin is active on which WhatsApp number, with its settings */
    get: operations['PluginInstallationsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/plugins': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Plugins loaded at boot: manifest, source and default settings (admins) */
    get: operations['PluginsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/quick-replies/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete a quick reply (audited) */
    delete: operations['QuickRepliesController_remove'];
    options?: never;
    head?: never;
    /** Change a quick reply’s shortcut, title or text (audited) */
    patch: operations['QuickRepliesController_update'];
    trace?: never;
  };
  '/api/realtime/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Resync after a reconnect: the socket events after `after` (a socket event cursor) in the departments you may read, oldest first, as sockets received them; continue from nextCursor while more is true */
    get: operations['RealtimeEventsController_events'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/reports/backlog': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Open conversations per stage now
     * @description Scoped to the departments where the caller reads conversations (departmentId narrows it; another department's id yields nothing). 422 names the field for a missing, unparseable or reversed range, or one longer than 400 days. CSV with Accept: text/csv or format=csv.
     */
    get: operations['ReportsController_backlog'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/reports/overview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Open, in progress, waiting on customer and overdue now; opened and closed within the range
     * @description Scoped to the departments where the caller reads conversations (departmentId narrows it; another department's id yields nothing). 422 names the field for a missing, unparseable or reversed range, or one longer than 400 days. CSV with Accept: text/csv or format=csv.
     */
    get: operations['ReportsController_overview'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/reports/response-times': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * First response, next response and resolution: median and p90 in business time, of durations rounded to within 2.5 %
     * @description Scoped to the departments where the caller reads conversations (departmentId narrows it; another department's id yields nothing). 422 names the field for a missing, unparseable or reversed range, or one longer than 400 days. CSV with Accept: text/csv or format=csv. Each figure is computed from durations rounded as the answer's `precision` says (also in the Duration-Precision header, for CSV): each duration is rounded to the nearest step of 1/20 of its power of ten of milliseconds from 1 to 2 times it, 1/10 from 2 to 5 times, 1/5 from 5 to 10 times (e.g. 63 s counts as 64 s, 12 min 34.567 s as 12 min 40 s); values on those steps (30 s; 1, 2, 3, 5, 8, 10, 20, 30 min; 1 h) are exact; at most 2.5 % off. Counts are exact. Medians and p90 interpolate linearly between the two nearest rounded durations, as percentile_cont does.
     */
    get: operations['ReportsController_responseTimes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/reports/sla': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * SLA clocks met and breached, and met %
     * @description Scoped to the departments where the caller reads conversations (departmentId narrows it; another department's id yields nothing). 422 names the field for a missing, unparseable or reversed range, or one longer than 400 days. CSV with Accept: text/csv or format=csv.
     */
    get: operations['ReportsController_slaReport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/reports/volume': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Messages in and out per number and hour
     * @description Scoped to the departments where the caller reads conversations (departmentId narrows it; another department's id yields nothing). 422 names the field for a missing, unparseable or reversed range, or one longer than 400 days. CSV with Accept: text/csv or format=csv.
     */
    get: operations['ReportsController_volumeReport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/routing-rules/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Change a rule (a plugin's rule: enabled only) */
    put: operations['RoutingRulesController_update'];
    post?: never;
    /** Delete an admin's rule (a plugin's rule can only be disabled) */
    delete: operations['RoutingRulesController_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/sla-policies/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One SLA policy */
    get: operations['SlaPoliciesController_get'];
    /** Change a policy: the fields given replace the stored ones (a plugin's policy: enabled only) */
    put: operations['SlaPoliciesController_update'];
    post?: never;
    /** Delete an admin's policy (a plugin's policy can only be disabled) */
    delete: operations['SlaPoliciesController_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/teams': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Teams of the departments you belong to, with their members */
    get: operations['TeamsController_list'];
    put?: never;
    /** Create a team in a department you supervise */
    post: operations['TeamsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/teams/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete a team */
    delete: operations['TeamsController_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/teams/{id}/members': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Replace a team's members (people with a role in its department) */
    put: operations['TeamsController_setMembers'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every user with their department roles (admins only) */
    get: operations['UsersController_list'];
    put?: never;
    /** Create a user with department roles; without a password, the answer carries a single-use invitation link */
    post: operations['UsersController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One user */
    get: operations['UsersController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change name, status, admin flag or department roles (audited) */
    patch: operations['UsersController_update'];
    trace?: never;
  };
  '/api/users/{id}/invitation': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A new invitation link for a user who has not chosen a password yet (shown once) */
    post: operations['UsersController_invitation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/users/{id}/password-reset': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A single-use password-reset link for a user (shown once; the user signs in again after) */
    post: operations['UsersController_passwordReset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/users/{id}/revoke-sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign a user out everywhere */
    post: operations['UsersController_revokeSessions'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/live': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['HealthController_live'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['HealthController_ready'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    ApiTokenDto: {
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      createdBy: string | null;
      /** @description null: every department */
      departmentIds: string[] | null;
      /** Format: date-time */
      expiresAt: string | null;
      /** Format: uuid */
      id: string;
      /** Format: date-time */
      lastUsedAt: string | null;
      name: string;
      permissions: string[];
      /** @description The first characters of the token, to recognise it */
      prefix: string;
      /** Format: date-time */
      revokedAt: string | null;
    };
    AuditEventDto: {
      action: string;
      actorId: string | null;
      actorLabel: string | null;
      /** @enum {string} */
      actorType: 'user' | 'api_token' | 'system' | 'anonymous';
      /** Format: date-time */
      at: string;
      departmentId: string | null;
      details: {
        [key: string]: unknown;
      };
      /** Format: uuid */
      id: string;
      ip: string | null;
      targetId: string | null;
      targetType: string | null;
    };
    AuditEventPageDto: {
      items: components['schemas']['AuditEventDto'][];
      /** @description Pass as cursor for the next (older) page */
      nextCursor: string | null;
    };
    AvailabilityChangedByDto: {
      /** Format: uuid */
      id: string;
      name: string;
    };
    AvailabilityChangeDto: {
      /** Format: date-time */
      at: string;
      /** @description Null when the product made the change */
      changedBy: components['schemas']['AvailabilityChangedByDto'] | null;
      /** @enum {string|null} */
      previous: 'online' | 'away' | 'offline' | null;
      reason: string | null;
      /** @enum {string} */
      source: 'self' | 'supervisor' | 'system';
      /** @enum {string} */
      status: 'online' | 'away' | 'offline';
    };
    AvailabilityDto: {
      /**
       * Format: date-time
       * @description Null: never set, so offline
       */
      since: string | null;
      /** @enum {string} */
      status: 'online' | 'away' | 'offline';
    };
    AvailabilityHistoryDto: {
      current: components['schemas']['AvailabilityDto'];
      /** @description Newest first, at most 100 */
      history: components['schemas']['AvailabilityChangeDto'][];
    };
    BacklogReportDto: {
      /** Format: date-time */
      from: string;
      rows: components['schemas']['BacklogRowDto'][];
      /** Format: date-time */
      to: string;
    };
    BacklogRowDto: {
      count: number;
      /** Format: uuid */
      departmentId: string;
      /** @description The department's name (null: not readable by you) */
      departmentName: string | null;
      stageCategory: string | null;
      stageKey: string | null;
      /** @description The stage's name in the department's pipeline (null: no stage, or no longer in the pipeline) */
      stageName: string | null;
    };
    BoardColumnDto: {
      /** @description The newest cards, up to perStage */
      cards: components['schemas']['CardDto'][];
      /** @description Cards in the stage (matching q and the filters), not only those shown */
      count: number;
      /** @description More cards: GET /api/cards?pipelineId=…&stage=…&cursor=…; null: no more */
      nextCursor: string | null;
      stage: components['schemas']['StageDto'];
    };
    BoardDto: {
      columns: components['schemas']['BoardColumnDto'][];
      pipeline: components['schemas']['PipelineDto'];
    };
    BusinessCalendarDto: {
      exceptions: components['schemas']['ExceptionDto'][];
      holidays: components['schemas']['HolidayDto'][];
      /** @example America/Sao_Paulo */
      timezone: string;
      weekly: components['schemas']['WeeklyDto'];
    };
    BusinessPeriodDto: {
      /**
       * @description Exclusive; may be 24:00
       * @example 18:00
       */
      close: string;
      /** @example 09:00 */
      open: string;
    };
    CardContactDto: {
      name: string | null;
      waId: string | null;
    };
    CardDto: {
      contact: components['schemas']['CardContactDto'];
      /** Format: uuid */
      conversationId: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      departmentId: string;
      /** @description Field values by field key */
      fields: {
        [key: string]: unknown;
      };
      /** Format: uuid */
      id: string;
      /** @description The conversation's labels */
      labels: string[];
      /** @enum {string|null} */
      lastSpeaker: 'customer' | 'agent' | 'system' | null;
      /** @description The conversation's owner; null while unassigned */
      owner: components['schemas']['CardOwnerDto'] | null;
      /** Format: uuid */
      pipelineId: string;
      /**
       * @description The conversation's priority
       * @enum {string}
       */
      priority: 'low' | 'normal' | 'high' | 'urgent';
      sla: components['schemas']['CardSlaDto'];
      stage: components['schemas']['CardStageDto'];
      /** Format: date-time */
      stageEnteredAt: string;
      title: string;
      /** Format: date-time */
      updatedAt: string;
      /** Format: date-time */
      waitingSince: string | null;
      window: components['schemas']['CardWindowDto'];
    };
    CardOwnerDto: {
      /** Format: uuid */
      id: string;
      /** @description The user's display name, or their e-mail when they have none */
      name: string;
    };
    CardPageDto: {
      items: components['schemas']['CardDto'][];
      /** @description Pass as `cursor` for the next page; null: no more */
      nextCursor: string | null;
    };
    CardSlaDto: {
      clockKind: string | null;
      /** Format: date-time */
      dueAt: string | null;
      overdueMs: number | null;
      paused: boolean;
      /** @enum {string} */
      status: 'green' | 'yellow' | 'red';
      timeLeftMs: number | null;
      warning: boolean;
    };
    CardStageDto: {
      /** @enum {string} */
      category: 'open' | 'waiting' | 'done';
      /** Format: uuid */
      id: string;
      key: string;
      name: string;
    };
    CardWindowDto: {
      /** Format: date-time */
      closesAt: string | null;
      open: boolean;
      templateOnly: boolean;
    };
    ConnectionCheckDto: {
      /** Format: date-time */
      at?: string;
      detail?: string;
      error?: components['schemas']['MetaErrorDto'];
      /** @enum {string} */
      name: 'token' | 'subscribed_app' | 'webhook_verify_token';
      ok: boolean;
    };
    ConnectionTestDto: {
      /** Format: date-time */
      at: string;
      checks: components['schemas']['ConnectionCheckDto'][];
      ok: boolean;
    };
    ConversationCardDto: {
      /** Format: uuid */
      id: string;
      stageKey: string;
      stageName: string;
    };
    ConversationContactDto: {
      bsuid: string | null;
      /** Format: uuid */
      id: string;
      name: string | null;
      waId: string | null;
    };
    ConversationDepartmentDto: {
      /** Format: uuid */
      id: string;
      key: string;
      name: string;
    };
    ConversationDto: {
      /** @enum {string|null} */
      ballInCourt: 'team' | 'customer_waiting' | null;
      card: components['schemas']['ConversationCardDto'] | null;
      /** Format: date-time */
      closedAt: string | null;
      contact: components['schemas']['ConversationContactDto'];
      /** Format: date-time */
      createdAt: string;
      department: components['schemas']['ConversationDepartmentDto'];
      /** Format: uuid */
      id: string;
      labels: string[];
      language: string | null;
      lastMessage: components['schemas']['ConversationLastMessageDto'] | null;
      /** Format: date-time */
      lastMessageAt: string | null;
      /** @enum {string|null} */
      lastSpeaker: 'customer' | 'agent' | 'system' | null;
      /** Format: uuid */
      numberId: string;
      owner: components['schemas']['ConversationOwnerDto'] | null;
      /** @enum {string} */
      priority: 'low' | 'normal' | 'high' | 'urgent';
      /** Format: date-time */
      queuedAt: string | null;
      sla: components['schemas']['ConversationSlaDto'];
      /** Format: date-time */
      snoozedUntil: string | null;
      snoozedUntilReply: boolean;
      /** @enum {string} */
      status: 'open' | 'closed';
      team: components['schemas']['ConversationTeamDto'] | null;
      /** @description Customer messages after the caller's read mark (POST /api/conversations/{id}/read), counted up to 100: that many or more */
      unreadCount: number;
      /** Format: date-time */
      waitingSince: string | null;
      window: components['schemas']['ConversationWindowDto'];
    };
    ConversationLastMessageDto: {
      /** Format: date-time */
      at: string;
      body: string | null;
      /** @enum {string} */
      direction: 'in' | 'out';
      /** Format: uuid */
      id: string;
      type: string;
    };
    ConversationOwnerDto: {
      /** Format: uuid */
      id: string;
      name: string;
    };
    ConversationPageDto: {
      items: components['schemas']['ConversationDto'][];
      /** @description Pass as `cursor` for the next page; null: no more */
      nextCursor: string | null;
    };
    ConversationReadDto: {
      /** Format: uuid */
      conversationId: string;
      /** Format: date-time */
      lastReadMessageAt: string | null;
      /**
       * Format: uuid
       * @description null: nothing read yet
       */
      lastReadMessageId: string | null;
      /** @description Customer messages after the mark, counted up to 100 (that many or more) */
      unreadCount: number;
    };
    ConversationSlaDto: {
      clockKind: string | null;
      /** Format: date-time */
      dueAt: string | null;
      overdueMs: number | null;
      paused: boolean;
      /** @enum {string} */
      status: 'green' | 'yellow' | 'red';
      timeLeftMs: number | null;
      warning: boolean;
    };
    ConversationTeamDto: {
      /** Format: uuid */
      id: string;
    };
    ConversationWindowDto: {
      /** Format: date-time */
      closesAt: string | null;
      open: boolean;
      templateOnly: boolean;
    };
    CreatedApiTokenDto: {
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      createdBy: string | null;
      /** @description null: every department */
      departmentIds: string[] | null;
      /** Format: date-time */
      expiresAt: string | null;
      /** Format: uuid */
      id: string;
      /** Format: date-time */
      lastUsedAt: string | null;
      name: string;
      permissions: string[];
      /** @description The first characters of the token, to recognise it */
      prefix: string;
      /** Format: date-time */
      revokedAt: string | null;
      /** @description The token itself: in this answer only */
      token: string;
    };
    CreatedUserDto: {
      /** Format: date-time */
      createdAt: string;
      email: string;
      /** Format: uuid */
      id: string;
      /** @description Only when invited (no password given) */
      invitation?: components['schemas']['IssuedLinkDto'];
      isAdmin: boolean;
      /** Format: date-time */
      lastLoginAt: string | null;
      memberships: components['schemas']['MembershipDto'][];
      name: string;
      /** @enum {string} */
      status: 'active' | 'disabled';
    };
    CredentialStateDto: {
      key: string;
      set: boolean;
    };
    DepartmentCalendarDto: {
      calendar: components['schemas']['BusinessCalendarDto'];
      /** Format: uuid */
      departmentId: string;
      pluginId: string | null;
      /** @enum {string} */
      source: 'calendar' | 'department' | 'plugin' | 'default';
      /** Format: date-time */
      updatedAt: string | null;
    };
    DepartmentDto: {
      /** Format: date-time */
      archivedAt: string | null;
      businessHours: {
        [key: string]: unknown;
      } | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      id: string;
      key: string;
      membersOnly: boolean;
      membersOnlySetByAdmin: boolean;
      name: string;
      numbers: components['schemas']['DepartmentNumberDto'][];
      plugin: components['schemas']['DepartmentPluginDto'] | null;
    };
    DepartmentNumberDto: {
      displayPhoneNumber: string;
      health: string;
      /** Format: uuid */
      id: string;
      phoneNumberId: string;
    };
    DepartmentPageDto: {
      items: components['schemas']['DepartmentDto'][];
      nextCursor: string | null;
    };
    DepartmentPluginDto: {
      id: string;
    };
    DurationFiguresDto: {
      count: number;
      /** @description Business milliseconds */
      medianMs: number | null;
      /** @description Business milliseconds */
      p90Ms: number | null;
    };
    DurationPrecisionDto: {
      maxRelativeError: number;
      rule: string;
    };
    ExceptionDto: {
      /**
       * Format: date
       * @description YYYY-MM-DD
       */
      date: string;
      name: string;
      periods: components['schemas']['BusinessPeriodDto'][];
    };
    FailedCodeDto: {
      code: number | null;
      count: number;
      /** Format: date-time */
      latestAt: string;
      latestTitle: string;
    };
    FailedSendsDto: {
      byCode: components['schemas']['FailedCodeDto'][];
      /** Format: date-time */
      since: string;
      total: number;
    };
    FieldDto: {
      archived: boolean;
      /** @description By type: options [{ value, label }], currency, maxLength, reference { system, entity } */
      config: {
        [key: string]: unknown;
      };
      key: string;
      label: string;
      /** @description Attributes an admin set; the others are the plugin's */
      overridden: 'label'[];
      /** @description text, number, money, date, select, multiselect, phone, email or reference */
      type: string;
    };
    HealthMessagingDto: {
      throughputLevel: string | null;
      tier: string | null;
    };
    HealthQualityDto: {
      history: components['schemas']['QualityChangeDto'][];
      rating: string | null;
    };
    HealthTokenDto: {
      /** Format: date-time */
      checkedAt: string | null;
      error: components['schemas']['MetaErrorDto'] | null;
      health: string;
      reason: string | null;
      valid: boolean;
    };
    HealthWebhookDto: {
      /** Format: date-time */
      checkedAt: string | null;
      detail: string | null;
      error: components['schemas']['MetaErrorDto'] | null;
      subscribed: boolean | null;
    };
    HolidayDto: {
      /**
       * Format: date
       * @description YYYY-MM-DD
       */
      date: string;
      name: string;
      /** @description Repeats on the same month and day every year */
      yearly: boolean;
    };
    ImportedHolidayDto: {
      /**
       * Format: date
       * @description YYYY-MM-DD
       */
      date: string;
      name: string;
    };
    ImportHolidaysResultDto: {
      calendar: components['schemas']['BusinessCalendarDto'];
      /** Format: uuid */
      departmentId: string;
      imported: components['schemas']['ImportedHolidayDto'][];
      pluginId: string | null;
      /** @enum {string} */
      source: 'calendar' | 'department' | 'plugin' | 'default';
      /** Format: date-time */
      updatedAt: string | null;
    };
    InboundEventDto: {
      attempts: number;
      failures: components['schemas']['InboundFailureDto'][];
      /** Format: uuid */
      id: string;
      itemCount: number | null;
      lastError: string | null;
      /** Format: date-time */
      processedAt: string | null;
      /** @description Only on the single-event view: the body as Meta sent it */
      rawBody?: string;
      /** Format: date-time */
      receivedAt: string;
      signedWithPreviousSecret: boolean;
      /** @enum {string} */
      status: 'pending' | 'processed' | 'partial' | 'failed' | 'held';
      unhandled: components['schemas']['InboundUnhandledDto'][];
    };
    InboundEventPageDto: {
      items: components['schemas']['InboundEventDto'][];
      /** @description Pass as before for the next (older) page */
      nextCursor: string | null;
    };
    InboundFailureDto: {
      /** @description The item as Meta sent it */
      item?: {
        [key: string]: unknown;
      };
      path: string;
      reason: string;
    };
    InboundUnhandledDto: {
      field: string;
      path: string;
      reason: string;
    };
    IssuedLinkDto: {
      /** Format: date-time */
      expiresAt: string;
      path: string;
      token: string;
    };
    LastInboundDto: {
      /** Format: date-time */
      at: string;
      /** Format: uuid */
      messageId: string;
      metaTimestamp: string | null;
    };
    LastSendDto: {
      /** Format: date-time */
      at: string;
      /** Format: uuid */
      messageId: string;
    };
    LatestTemplateSyncDto: {
      /** Format: date-time */
      attemptedAt: string;
      error: components['schemas']['TemplateSyncErrorDto'] | null;
      /** Format: date-time */
      syncedAt: string | null;
      wabaId: string;
    };
    LoginResponseDto: {
      accessToken: string;
      /** @description Seconds until the access token expires */
      expiresIn: number;
      /** @enum {string} */
      tokenType: 'Bearer';
      user: components['schemas']['UserDto'];
    };
    MembershipDto: {
      /** Format: uuid */
      departmentId: string;
      departmentKey: string;
      /** @description The department's display name */
      departmentName: string;
      /** @enum {string} */
      role: 'supervisor' | 'agent' | 'viewer';
    };
    MessageDto: {
      body: string | null;
      content: {
        [key: string]: unknown;
      };
      /** Format: uuid */
      conversationId: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      deliveredAt: string | null;
      /** @enum {string} */
      direction: 'in' | 'out';
      /** Format: date-time */
      editedAt: string | null;
      error: components['schemas']['MessageErrorDto'] | null;
      /** Format: uuid */
      id: string;
      media: {
        [key: string]: unknown;
      } | null;
      /** Format: date-time */
      readAt: string | null;
      replyToWamid: string | null;
      /** Format: date-time */
      revokedAt: string | null;
      /** Format: date-time */
      sentAt: string | null;
      status: string;
      type: string;
      wamid: string | null;
    };
    MessageErrorDto: {
      code: number | null;
      details?: string;
      title: string;
    };
    MessagePageDto: {
      items: components['schemas']['MessageDto'][];
      /** @description Pass as `before` for older messages; null: no more */
      nextCursor: string | null;
    };
    MetaErrorDto: {
      /** @description Meta's error code (190: token refused) */
      code: number | null;
      message: string;
      subcode?: number | null;
    };
    MfaChallengeResponseDto: {
      /** @enum {boolean} */
      mfaRequired: true;
      /** @description An admin under the two-factor policy without a factor yet: set it up with `secret` first */
      mfaSetupRequired: boolean;
      /** @description Send it back with the code to POST /api/auth/mfa/verify (5 minutes, once) */
      mfaToken: string;
      otpauthUri?: string;
      /** @description Only when mfaSetupRequired: the secret to add to the app */
      secret?: string;
    };
    MfaSetupDto: {
      /** @description The same secret as an otpauth:// URI, for a QR code */
      otpauthUri: string;
      /** @description The secret (base32) to add to an authenticator app */
      secret: string;
    };
    NumberDto: {
      /** Format: date-time */
      archivedAt: string | null;
      connectionTest: components['schemas']['ConnectionTestDto'] | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      departmentId: string;
      /** Format: date-time */
      disabledAt: string | null;
      displayPhoneNumber: string;
      health: string;
      healthReason: string | null;
      /** Format: uuid */
      id: string;
      messagingLimitTier: string | null;
      nameStatus: string | null;
      phoneNumberId: string;
      /** Format: date-time */
      previousAppSecretAcceptedUntil: string | null;
      qualityRating: string | null;
      throughputLevel: string | null;
      /** Format: date-time */
      updatedAt: string;
      verifiedName: string | null;
      wabaId: string;
    };
    NumberHealthDto: {
      /** Format: date-time */
      at: string;
      failedSends: components['schemas']['FailedSendsDto'];
      lastInbound: components['schemas']['LastInboundDto'] | null;
      lastSuccessfulSend: components['schemas']['LastSendDto'] | null;
      messaging: components['schemas']['HealthMessagingDto'];
      /** Format: uuid */
      numberId: string;
      openAlerts: {
        [key: string]: unknown;
      }[];
      quality: components['schemas']['HealthQualityDto'];
      silenceAlarm: {
        [key: string]: unknown;
      };
      token: components['schemas']['HealthTokenDto'];
      webhook: components['schemas']['HealthWebhookDto'];
      webhookLag: components['schemas']['WebhookLagDto'];
    };
    NumberPageDto: {
      items: components['schemas']['NumberDto'][];
      nextCursor: string | null;
    };
    NumberPluginDto: {
      description: string | null;
      fields: components['schemas']['PluginSettingFieldDto'][];
      id: string;
      installation: components['schemas']['NumberPluginInstallationDto'] | null;
      /** @enum {string} */
      kind: 'department' | 'connector' | 'ai-tool';
      name: string;
      version: string;
    };
    NumberPluginInstallationDto: {
      /** @description Each declared credential: set or not set */
      credentials: components['schemas']['CredentialStateDto'][];
      enabled: boolean;
      settings: {
        [key: string]: unknown;
      };
      /** Format: date-time */
      updatedAt: string;
    };
    NumberPluginsDto: {
      /** Format: uuid */
      numberId: string;
      plugins: components['schemas']['NumberPluginDto'][];
    };
    NumberTransferDto: {
      /**
       * Format: uuid
       * @description The conversation on the target number
       */
      conversationId: string;
      /** Format: uuid */
      departmentId: string;
      /**
       * Format: uuid
       * @description The original conversation, now closed
       */
      fromConversationId: string;
      /** Format: uuid */
      numberId: string;
      /** @description Whether free-form replies are possible from the target number now: the 24-hour window is per number, so without the customer's message there, only a template */
      windowOpen: boolean;
    };
    OverviewReportDto: {
      /** @description Closed within the range */
      closed: number;
      /** Format: date-time */
      from: string;
      /** @description Open, owned, card not in a waiting stage */
      inProgress: number;
      /** @description Every conversation not closed */
      open: number;
      /** @description Opened within the range */
      opened: number;
      /** @description Open with an SLA deadline passed */
      overdue: number;
      /** Format: date-time */
      to: string;
      /** @description Open, card in a waiting-on-customer stage */
      waitingOnCustomer: number;
    };
    PipelineDto: {
      /** Format: uuid */
      departmentId: string;
      fields: components['schemas']['FieldDto'][];
      /** Format: uuid */
      id: string;
      isDefault: boolean;
      key: string;
      name: string;
      pluginId: string | null;
      /** @description In board order */
      stages: components['schemas']['StageDto'][];
    };
    PluginInstallationDto: {
      /** @description Keys of the credentials that are set; values are never returned */
      credentials: string[];
      enabled: boolean;
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      numberId: string;
      pluginId: string;
      settings: {
        [key: string]: unknown;
      };
      /** Format: date-time */
      updatedAt: string;
    };
    PluginOptionDto: {
      /** @description Per language, `en` always there */
      label: {
        [key: string]: string;
      };
      value: string;
    };
    PluginSettingFieldDto: {
      /** @description The value an installation starts with (never for a secret) */
      default:
        | (
            | string
            | number
            | boolean
            | {
                [key: string]: unknown;
              }
            | unknown[]
          )
        | null;
      description: {
        [key: string]: string;
      } | null;
      integer: boolean;
      /** @description The settings key, or the credential key of a secret */
      key: string;
      /** @description Per language, `en` always there */
      label: {
        [key: string]: string;
      };
      maximum: number | null;
      minimum: number | null;
      options: components['schemas']['PluginOptionDto'][] | null;
      required: boolean;
      /** @description A credential: write-only, only whether it is set is read back */
      secret: boolean;
      /** @enum {string} */
      type: 'text' | 'number' | 'boolean' | 'select' | 'json' | 'secret';
    };
    ProfileDto: {
      /** Format: date-time */
      createdAt: string;
      email: string;
      /** @description False when the account signs in through single sign-on only: no password to change */
      hasPassword: boolean;
      /** Format: uuid */
      id: string;
      isAdmin: boolean;
      /** Format: date-time */
      lastLoginAt: string | null;
      memberships: components['schemas']['MembershipDto'][];
      /** @description Two-step sign-in (a TOTP app) is on */
      mfaEnabled: boolean;
      name: string;
      /** @enum {string} */
      status: 'active' | 'disabled';
    };
    QualityChangeDto: {
      /** Format: date-time */
      at: string;
      event: string | null;
      messagingLimitTier: string | null;
      previousMessagingLimitTier: string | null;
      previousQualityRating: string | null;
      qualityRating: string | null;
    };
    QuickReplyDto: {
      /** Format: uuid */
      departmentId: string;
      /** Format: uuid */
      id: string;
      /** @description 1–32 lowercase letters, digits, - or _; unique in the department */
      shortcut: string;
      /** @description At most 2,000 characters; may hold {{contact.name}} and {{agent.name}}, filled in by the composer before sending */
      text: string;
      /** @description At most 80 characters */
      title: string;
      /** Format: date-time */
      updatedAt: string;
    };
    RealtimeEventDto: {
      /** Format: date-time */
      at: string;
      /** Format: uuid */
      conversationId?: string;
      /** @description Resume after this event with it as `after` */
      cursor: string;
      /** @description The payload sockets received */
      data: {
        [key: string]: unknown;
      };
      /** Format: uuid */
      departmentId: string;
      /** @description The socket event name, e.g. message.created */
      type: string;
    };
    RealtimeEventsPageDto: {
      /** @description Oldest first */
      events: components['schemas']['RealtimeEventDto'][];
      /** @description More events follow nextCursor */
      more: boolean;
      /** @description Pass as `after` for the next page */
      nextCursor: string;
    };
    ResponseTimesReportDto: {
      /** Format: date-time */
      from: string;
      precision: components['schemas']['DurationPrecisionDto'];
      rows: components['schemas']['ResponseTimesRowDto'][];
      /** Format: date-time */
      to: string;
    };
    ResponseTimesRowDto: {
      firstResponse: components['schemas']['DurationFiguresDto'];
      /**
       * Format: uuid
       * @description The agent, team, department or number; null: none
       */
      key: string | null;
      /** @description The key's display name: the user's or team's or department's name, the number's display phone number with its verified name in parentheses; null for no key or one the caller may not read (the row keeps its id) */
      name: string | null;
      nextResponse: components['schemas']['DurationFiguresDto'];
      resolution: components['schemas']['DurationFiguresDto'];
    };
    RevokedSessionsDto: {
      revoked: number;
    };
    RoutingRuleDto: {
      actions: {
        [key: string]: unknown;
      };
      conditions: {
        [key: string]: unknown;
      };
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      departmentId: string;
      enabled: boolean;
      /** Format: uuid */
      id: string;
      name: string;
      /**
       * Format: uuid
       * @description null: every number
       */
      numberId: string | null;
      pluginId: string | null;
      pluginRuleKey: string | null;
      position: number;
      /** @enum {string} */
      source: 'admin' | 'plugin';
      /** @description No later rule runs after this one matched */
      stop: boolean;
      /** @enum {string} */
      trigger: 'conversation_opened' | 'every_message';
      /** Format: date-time */
      updatedAt: string;
      updatedBy: string | null;
    };
    SignedOutDto: {
      /** @description How many sessions of other logins were signed out */
      signedOut: number;
    };
    SlaPolicyDto: {
      businessHours: boolean;
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      departmentId: string;
      enabled: boolean;
      escalations: {
        [key: string]: unknown;
      }[];
      /** Format: uuid */
      id: string;
      key: string;
      match: {
        [key: string]: unknown;
      };
      name: string;
      pluginId: string | null;
      position: number;
      /** @enum {string} */
      source: 'admin' | 'plugin';
      targets: components['schemas']['SlaTargetsDto'];
      /** Format: date-time */
      updatedAt: string;
      updatedBy: string | null;
    };
    SlaReportDto: {
      /** Format: date-time */
      from: string;
      rows: components['schemas']['SlaReportRowDto'][];
      /** Format: date-time */
      to: string;
    };
    SlaReportRowDto: {
      breached: number;
      /**
       * Format: uuid
       * @description The agent, team or department; null: none
       */
      key: string | null;
      met: number;
      /** @description One decimal; null when no clock ended */
      metPercent: number | null;
      /** @description The key's display name (user, team or department); null for no key or one the caller may not read */
      name: string | null;
    };
    SlaTargetDto: {
      breachMinutes: number;
      warningMinutes: number;
    };
    SlaTargetsDto: {
      firstResponse: components['schemas']['SlaTargetDto'] | null;
      nextResponse: components['schemas']['SlaTargetDto'] | null;
      resolution: components['schemas']['SlaTargetDto'] | null;
      /** @description Per stage key */
      stages: {
        [key: string]: {
          breachMinutes?: number;
          warningMinutes?: number;
        };
      };
    };
    SsoProviderDto: {
      id: string;
      name: string;
      /** @description Where the browser goes to sign in with it */
      startPath: string;
    };
    StageDto: {
      archived: boolean;
      /** @enum {string} */
      category: 'open' | 'waiting' | 'done';
      color: string | null;
      /** Format: uuid */
      id: string;
      key: string;
      name: string;
      /** @description Attributes an admin set; the others are the plugin's (reset one with its PATCH route) */
      overridden: ('name' | 'color' | 'wipLimit' | 'requiredFields')[];
      /** @description Keys of the fields a card needs filled in to enter the stage */
      requiredFields: string[];
      /** @description Most cards the stage holds; null: no limit */
      wipLimit: number | null;
    };
    TeamDto: {
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      departmentId: string;
      /** Format: uuid */
      id: string;
      members: components['schemas']['TeamMemberDto'][];
      name: string;
    };
    TeamMemberDto: {
      email: string;
      /** Format: uuid */
      id: string;
      name: string;
    };
    TemplateDto: {
      category: string;
      /** @description Meta's components */
      components: {
        [key: string]: unknown;
      }[];
      /** Format: date-time */
      deletedAt: string | null;
      /** Format: uuid */
      id: string;
      language: string;
      metaId: string;
      name: string;
      /** @enum {string} */
      parameterFormat: 'POSITIONAL' | 'NAMED';
      qualityScore: string | null;
      /** @description APPROVED, PENDING, REJECTED, PAUSED, DISABLED… */
      status: string;
      /** Format: date-time */
      statusChangedAt: string | null;
      statusDetail: {
        [key: string]: unknown;
      } | null;
      /** Format: date-time */
      syncedAt: string;
      wabaId: string;
    };
    TemplateListDto: {
      items: components['schemas']['TemplateDto'][];
      sync: components['schemas']['LatestTemplateSyncDto'] | null;
    };
    TemplateSyncDto: {
      /** Format: date-time */
      attemptedAt: string;
      error: components['schemas']['TemplateSyncErrorDto'] | null;
      /** @description Templates Meta listed (every page) */
      listed: number;
      /** @description Stored templates no longer listed, marked deleted */
      markedDeleted: number;
      /** Format: date-time */
      syncedAt: string | null;
      wabaId: string;
    };
    TemplateSyncErrorDto: {
      code: number | null;
      message: string;
      subcode: number | null;
    };
    TransferDepartmentDto: {
      /** Format: uuid */
      id: string;
      name: string;
    };
    TransferNumberDto: {
      department: components['schemas']['TransferDepartmentDto'];
      /** @example +55 11 4000-0001 */
      displayPhoneNumber: string;
      /** Format: uuid */
      id: string;
    };
    TransferTargetsDto: {
      departments: components['schemas']['TransferDepartmentDto'][];
      numbers: components['schemas']['TransferNumberDto'][];
    };
    UploadedMediaDto: {
      /** @description The file name as uploaded */
      fileName: string | null;
      /** @description Meta's media id: send it as `media.mediaId` (valid 30 days) */
      mediaId: string;
      /** @example application/pdf */
      mimeType: string;
      /** @description Bytes */
      size: number;
      /**
       * @description The message type to send it as, from its MIME type
       * @enum {string}
       */
      type: 'audio' | 'document' | 'image' | 'sticker' | 'video';
    };
    UserDto: {
      /** Format: date-time */
      createdAt: string;
      email: string;
      /** Format: uuid */
      id: string;
      isAdmin: boolean;
      /** Format: date-time */
      lastLoginAt: string | null;
      memberships: components['schemas']['MembershipDto'][];
      name: string;
      /** @enum {string} */
      status: 'active' | 'disabled';
    };
    VolumeReportDto: {
      /** Format: date-time */
      from: string;
      rows: components['schemas']['VolumeRowDto'][];
      /** Format: date-time */
      to: string;
    };
    VolumeRowDto: {
      /** Format: uuid */
      departmentId: string;
      /**
       * Format: date-time
       * @description Start of the hour (UTC)
       */
      hour: string;
      inbound: number;
      /** @description The number's display phone number, with its verified name in parentheses once known; null when the number is no longer in a department the caller may read */
      name: string | null;
      /** Format: uuid */
      numberId: string;
      outbound: number;
    };
    WebhookLagDto: {
      maxSeconds: number | null;
      p50Seconds: number | null;
      p95Seconds: number | null;
      sample: number;
      window: string;
    };
    WeeklyDto: {
      fri: components['schemas']['BusinessPeriodDto'][];
      mon: components['schemas']['BusinessPeriodDto'][];
      sat: components['schemas']['BusinessPeriodDto'][];
      sun: components['schemas']['BusinessPeriodDto'][];
      thu: components['schemas']['BusinessPeriodDto'][];
      tue: components['schemas']['BusinessPeriodDto'][];
      wed: components['schemas']['BusinessPeriodDto'][];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  AlertsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AlertsController_acknowledge: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ApiTokensController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiTokenDto'][];
        };
      };
    };
  };
  ApiTokensController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @default false */
          allDepartments?: boolean;
          departmentIds?: string[];
          expiresInDays?: number;
          name: string;
          permissions: (
            | 'conversations.read'
            | 'conversations.reply'
            | 'conversations.assign'
            | 'routing.manage'
            | 'media.read'
            | 'teams.read'
            | 'teams.manage'
            | 'users.manage'
            | 'audit.read'
            | 'inbound_events.read'
            | 'inbound_events.replay'
          )[];
        };
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedApiTokenDto'];
        };
      };
    };
  };
  ApiTokensController_revoke: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuditController_list: {
    parameters: {
      query?: {
        action?: string;
        actorId?: string;
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditEventPageDto'];
        };
      };
    };
  };
  AuthController_accept: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          password: string;
          token: string;
        };
      };
    };
    responses: {
      /** @description The password is set; sign in with it */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_login: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          email: string;
          password: string;
        };
      };
    };
    responses: {
      /** @description A session, or (mfaRequired) the challenge for the second step */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json':
            components['schemas']['LoginResponseDto'] | components['schemas']['MfaChallengeResponseDto'];
        };
      };
    };
  };
  AuthController_logout: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Signed out; the refresh cookie is cleared */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_logoutAll: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProfileDto'];
        };
      };
    };
  };
  AuthController_challenge: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          mfaToken: string;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MfaChallengeResponseDto'];
        };
      };
    };
  };
  AuthController_confirmMfa: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          code: string;
        };
      };
    };
    responses: {
      /** @description Two-step sign-in is on */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No setup in progress, or the code does not match (code wrong_code) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_disableMfa: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          code: string;
        };
      };
    };
    responses: {
      /** @description Two-step sign-in is off */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The code does not match (code wrong_code) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not on, or required for admins in this installation (code mfa_required) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_setupMfa: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          code?: string;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MfaSetupDto'];
        };
      };
    };
  };
  AuthController_verifyMfa: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          code: string;
          mfaToken: string;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LoginResponseDto'];
        };
      };
    };
  };
  SsoController_start: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        provider: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SsoController_providers: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SsoProviderDto'][];
        };
      };
    };
  };
  AuthController_refresh: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LoginResponseDto'];
        };
      };
    };
  };
  CardsController_list: {
    parameters: {
      query?: {
        assignee?: ('me' | 'none') | string;
        cursor?: string;
        departmentId?: string;
        label?: string;
        limit?: number;
        pipelineId?: string;
        priority?: 'low' | 'normal' | 'high' | 'urgent';
        q?: string;
        stage?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CardPageDto'];
        };
      };
    };
  };
  CardsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CardDto'];
        };
      };
    };
  };
  CardsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          fields?: {
            [key: string]: unknown;
          };
          title?: string;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CardDto'];
        };
      };
    };
  };
  CardsController_action: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        action: string;
        id: string;
        pluginId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CardsController_move: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          fields?: {
            [key: string]: unknown;
          };
          stage: string;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CardDto'];
        };
      };
    };
  };
  CardsController_note: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          text: string;
        };
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CardsController_timeline: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ContactAttributesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ContactAttributesController_set: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          attributes: {
            [key: string]: string | number | boolean;
          };
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MarketingConsentController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MarketingConsentController_put: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          note?: string;
          /** @enum {string} */
          state: 'granted' | 'stopped';
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationsController_list: {
    parameters: {
      query?: {
        assignee?: ('me' | 'none') | string;
        cursor?: string;
        departmentId?: string;
        label?: string;
        limit?: number;
        numberId?: string;
        priority?: 'low' | 'normal' | 'high' | 'urgent';
        q?: string;
        sla?: 'green' | 'yellow' | 'red';
        sort?: 'recent' | 'waiting' | 'deadline';
        stage?: string;
        status?: 'open' | 'closed' | 'snoozed' | 'all';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConversationPageDto'];
        };
      };
    };
  };
  ConversationsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConversationDto'];
        };
      };
    };
  };
  ConversationAssignmentController_setAssignee: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          userId: string | null;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationAssignmentController_claim: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationOwnershipController_close: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          note?: string;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConversationDto'];
        };
      };
      /** @description No such conversation, or not readable by you */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Already closed */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationOwnershipController_changeLabels: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          add?: string[];
          remove?: string[];
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConversationDto'];
        };
      };
      /** @description No such conversation, or not readable by you */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A label is not 1–40 lowercase letters, digits, -, _ or spaces (named), or more than 20 */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MediaUploadController_upload: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': {
          /**
           * Format: binary
           * @description One file; its part's Content-Type is its MIME type, one of audio/aac, audio/amr, audio/mpeg, audio/mp4, audio/ogg, text/plain, application/pdf, application/msword, application/vnd.openxmlformats-officedocument.wordprocessingml.document, application/vnd.ms-excel, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/vnd.ms-powerpoint, application/vnd.openxmlformats-officedocument.presentationml.presentation, image/jpeg, image/png, image/webp, video/mp4, video/3gpp
           */
          file: string;
        };
      };
    };
    responses: {
      /** @description Uploaded to Meta and kept */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UploadedMediaDto'];
        };
      };
      /** @description No part named file, or a malformed multipart body */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Your role in its department may not reply */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such conversation, or not readable by you */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Conversation closed, owned by someone else (not_owner), or its number cannot send */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Over Meta's size limit for the file's kind (named in the message) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A MIME type WhatsApp does not take (or not multipart/form-data) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description An empty file, or Meta refused it (Meta's reason) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Meta could not take it now */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationsController_messages: {
    parameters: {
      query?: {
        before?: string;
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MessagePageDto'];
        };
      };
    };
  };
  ReplyController_reply: {
    parameters: {
      query?: never;
      header: {
        'idempotency-key': string;
        /** @description Repeating a request with the same key on the same conversation returns the first message; keys are per conversation */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json':
          | {
              previewUrl?: boolean;
              /** Format: uuid */
              replyToMessageId?: string;
              text: string;
              /** @constant */
              type: 'text';
            }
          | {
              media: {
                caption?: string;
                filename?: string;
                /** Format: uri */
                link?: string;
                mediaId?: string;
              };
              /** Format: uuid */
              replyToMessageId?: string;
              /** @enum {string} */
              type: 'image' | 'document' | 'audio' | 'video' | 'sticker';
            }
          | {
              template: {
                /** @default [] */
                bodyParameters?: (
                  | {
                      parameterName?: string;
                      text: string;
                      /** @constant */
                      type: 'text';
                    }
                  | {
                      amount1000: number;
                      code: string;
                      fallbackValue: string;
                      parameterName?: string;
                      /** @constant */
                      type: 'currency';
                    }
                  | {
                      fallbackValue: string;
                      parameterName?: string;
                      /** @constant */
                      type: 'date_time';
                    }
                )[];
                /** @default [] */
                buttons?: (
                  | {
                      index: number;
                      payload: string;
                      /** @constant */
                      type: 'quick_reply';
                    }
                  | {
                      index: number;
                      text: string;
                      /** @constant */
                      type: 'url';
                    }
                  | {
                      couponCode: string;
                      index: number;
                      /** @constant */
                      type: 'copy_code';
                    }
                  | {
                      index: number;
                      thumbnailProductRetailerId?: string;
                      /** @constant */
                      type: 'catalog';
                    }
                  | {
                      index: number;
                      sections: {
                        productRetailerIds: string[];
                        title: string;
                      }[];
                      thumbnailProductRetailerId: string;
                      /** @constant */
                      type: 'mpm';
                    }
                  | {
                      flowActionData?: {
                        [key: string]: unknown;
                      };
                      flowToken?: string;
                      index: number;
                      /** @constant */
                      type: 'flow';
                    }
                )[];
                header?:
                  | {
                      parameterName?: string;
                      text: string;
                      /** @constant */
                      type: 'text';
                    }
                  | {
                      /** Format: uri */
                      link?: string;
                      mediaId?: string;
                      /** @constant */
                      type: 'image';
                    }
                  | {
                      /** Format: uri */
                      link?: string;
                      mediaId?: string;
                      /** @constant */
                      type: 'video';
                    }
                  | {
                      filename?: string;
                      /** Format: uri */
                      link?: string;
                      mediaId?: string;
                      /** @constant */
                      type: 'document';
                    }
                  | {
                      address?: string;
                      latitude: number;
                      longitude: number;
                      name?: string;
                      /** @constant */
                      type: 'location';
                    };
                language: string;
                name: string;
              };
              /** @constant */
              type: 'template';
            };
      };
    };
    responses: {
      /** @description 24-hour window closed (a template is needed), conversation closed, the number needs a new token, the WABA's templates were never synced (templates_not_synced), or a MARKETING template to a customer who stopped marketing messages (marketing_opt_out) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A template send that does not fit the stored template (unknown name or language, not APPROVED, deleted, parameters, header kind, buttons): `code` and the offending `parameter` path; nothing is stored or sent */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationOwnershipController_setPriority: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          priority: 'low' | 'normal' | 'high' | 'urgent';
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConversationDto'];
        };
      };
      /** @description No such conversation, or not readable by you */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationReadsController_markRead: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** Format: uuid */
          messageId?: string;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConversationReadDto'];
        };
      };
      /** @description `messageId` is not a message of this conversation */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such conversation, or not readable by you */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationOwnershipController_reopen: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConversationDto'];
        };
      };
      /** @description No such conversation, or not readable by you */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Already open, or another conversation with this contact on this number is open (named) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationSlaController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationOwnershipController_snooze: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json':
          | {
              /** Format: date-time */
              until: string;
            }
          | {
              /** @constant */
              untilCustomerReplies: true;
            };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConversationDto'];
        };
      };
      /** @description No such conversation, or not readable by you */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The conversation is closed */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `until` in the past or more than 90 days away */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationOwnershipController_unsnooze: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConversationDto'];
        };
      };
      /** @description No such conversation, or not readable by you */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationOwnershipController_takeOver: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          note?: string;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConversationDto'];
        };
      };
      /** @description You lack conversations.take_over in its department */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such conversation, or not readable by you */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The conversation is closed */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationOwnershipController_transfer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          departmentId: string;
          note?: string;
        };
      };
    };
    responses: {
      /** @description No such conversation, or not readable by you */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Closed, or already in that department */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The target department does not exist or is archived (named) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  NumberTransferController_transfer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          note?: string;
          /** Format: uuid */
          numberId: string;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NumberTransferDto'];
        };
      };
      /** @description numberId missing or not a uuid, or the note too long (named) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Your role in its department may not transfer conversations */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such conversation, or not readable by you */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Closed (conversation_closed), already on that number (same_number), or owned by another agent (not_owner) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description numberId: unknown or not visible to you (unknown_number), of another WhatsApp Business Account (other_account), disabled (number_disabled) or archived (number_archived); or its department is archived */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  DepartmentsController_list: {
    parameters: {
      query?: {
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DepartmentPageDto'];
        };
      };
    };
  };
  DepartmentsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          key: string;
          membersOnly?: boolean;
          name: string;
        };
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DepartmentDto'];
        };
      };
    };
  };
  DepartmentsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DepartmentDto'];
        };
      };
    };
  };
  DepartmentsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          businessHours?: {
            /** @default 18:00 */
            close?: string;
            /**
             * @default [
             *       1,
             *       2,
             *       3,
             *       4,
             *       5
             *     ]
             */
            days?: number[];
            /** @default 09:00 */
            open?: string;
            /** @default UTC */
            timezone?: string;
          } | null;
          membersOnly?: boolean;
          name?: string;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DepartmentDto'];
        };
      };
    };
  };
  AgentsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AgentsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        userId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          capacity?: number;
          languages?: string[];
          schedule?: {
            /** @default [] */
            breaks?: {
              date: string;
              end: string;
              start: string;
            }[];
            /** @default [] */
            daysOff?: string[];
            timezone: string;
            weekly: {
              day: number;
              end: string;
              start: string;
            }[];
          } | null;
          skills?: string[];
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AgentsController_history: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AgentsController_setAvailability: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        userId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason?: string;
          /** @enum {string} */
          status: 'online' | 'away' | 'offline';
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  DepartmentsController_archive: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DepartmentDto'];
        };
      };
    };
  };
  DepartmentCalendarController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DepartmentCalendarDto'];
        };
      };
    };
  };
  DepartmentCalendarController_put: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @default [] */
          exceptions?: {
            date: string;
            name: string;
            periods: {
              close: string;
              open: string;
            }[];
          }[];
          /** @default [] */
          holidays?: {
            date: string;
            name: string;
            /** @default false */
            yearly?: boolean;
          }[];
          /** @default UTC */
          timezone?: string;
          /**
           * @default {
           *       "mon": [
           *         {
           *           "open": "09:00",
           *           "close": "18:00"
           *         }
           *       ],
           *       "tue": [
           *         {
           *           "open": "09:00",
           *           "close": "18:00"
           *         }
           *       ],
           *       "wed": [
           *         {
           *           "open": "09:00",
           *           "close": "18:00"
           *         }
           *       ],
           *       "thu": [
           *         {
           *           "open": "09:00",
           *           "close": "18:00"
           *         }
           *       ],
           *       "fri": [
           *         {
           *           "open": "09:00",
           *           "close": "18:00"
           *         }
           *       ],
           *       "sat": [],
           *       "sun": []
           *     }
           */
          weekly?: {
            /** @default [] */
            fri?: {
              close: string;
              open: string;
            }[];
            /** @default [] */
            mon?: {
              close: string;
              open: string;
            }[];
            /** @default [] */
            sat?: {
              close: string;
              open: string;
            }[];
            /** @default [] */
            sun?: {
              close: string;
              open: string;
            }[];
            /** @default [] */
            thu?: {
              close: string;
              open: string;
            }[];
            /** @default [] */
            tue?: {
              close: string;
              open: string;
            }[];
            /** @default [] */
            wed?: {
              close: string;
              open: string;
            }[];
          };
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DepartmentCalendarDto'];
        };
      };
    };
  };
  DepartmentCalendarController_importHolidays: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          country: string;
          region?: string;
          years: number[];
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ImportHolidaysResultDto'];
        };
      };
    };
  };
  ConversationPolicyController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConversationPolicyController_set: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          onCustomerMessageAfterClose: 'reopen' | 'new';
          /** @default 1440 */
          reopenWindowMinutes?: number;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  QueuesController_waiting: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  QueuesController_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  QueuesController_setDefault: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          atShiftEnd?: 'return_to_queue' | 'reassign' | 'keep';
          matchLanguage?: boolean;
          matchSkills?: boolean;
          strategy: string;
          /** @enum {string} */
          whenAgentOffline?: 'return_to_queue' | 'reassign' | 'keep';
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  QueuesController_setTeam: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        teamId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          atShiftEnd?: 'return_to_queue' | 'reassign' | 'keep';
          matchLanguage?: boolean;
          matchSkills?: boolean;
          strategy: string;
          /** @enum {string} */
          whenAgentOffline?: 'return_to_queue' | 'reassign' | 'keep';
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  QuickRepliesController_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QuickReplyDto'][];
        };
      };
      /** @description No such department or quick reply, or not visible to you */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  QuickRepliesController_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          shortcut: string;
          text: string;
          title: string;
        };
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QuickReplyDto'];
        };
      };
      /** @description A field is missing, too long or holds an unknown placeholder (named) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description You lack routing.manage in the department */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such department or quick reply, or not visible to you */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The shortcut is already used in the department */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The department already has 200 quick replies */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RoutingRulesController_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RoutingRuleDto'][];
        };
      };
    };
  };
  RoutingRulesController_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          actions: {
            assign?: {
              /** Format: uuid */
              userId: string;
            };
            autoReply?: {
              template?: {
                language: string;
                name: string;
                parameters?: string[];
              };
              text?: string;
            };
            labels?: {
              add: string[];
            };
            /** @enum {string} */
            priority?: 'low' | 'normal' | 'high' | 'urgent';
            requireSkills?: string[];
            setFields?: {
              [key: string]: unknown;
            };
            stage?: string;
            team?: {
              /** Format: uuid */
              teamId: string;
            };
            transfer?: {
              /** Format: uuid */
              departmentId: string;
            };
          };
          conditions?: {
            card?: {
              equals?: string | number | boolean;
              exists?: boolean;
              field: string;
              in?: (string | number | boolean)[];
            };
            contact?: {
              attributes?: {
                [key: string]: string | number | boolean;
              };
              country?: string[];
              isNew?: boolean;
              phonePrefix?: string[];
            };
            intent?: string;
            language?: string[];
            numberIds?: string[];
            text?: {
              keywords?: string[];
              pattern?: string;
            };
            time?: {
              /** @enum {string} */
              within: 'business_hours' | 'outside_business_hours';
            };
          };
          enabled?: boolean;
          name: string;
          numberId?: string | null;
          stop?: boolean;
          /** @enum {string} */
          trigger?: 'conversation_opened' | 'every_message';
        };
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RoutingRuleDto'];
        };
      };
    };
  };
  RoutingRulesController_order: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          ids: string[];
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RoutingRuleDto'][];
        };
      };
    };
  };
  RoutingRulesController_test: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: date-time */
          at?: string;
          /** Format: uuid */
          numberId?: string;
          phone?: string;
          text: string;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SlaPoliciesController_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SlaPolicyDto'][];
        };
      };
    };
  };
  SlaPoliciesController_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          businessHours?: boolean;
          enabled?: boolean;
          escalations?: {
            /** @enum {string} */
            action: 'raise_priority' | 'return_to_queue' | 'assign_user';
            /** @enum {string} */
            clock: 'first_response' | 'next_response' | 'resolution' | 'stage' | 'any';
            /** @enum {string} */
            on: 'warning' | 'breach';
            /** Format: uuid */
            userId?: string;
          }[];
          key: string;
          match?: {
            numberIds?: string[];
            priorities?: ('low' | 'normal' | 'high' | 'urgent')[];
            requestTypes?: string[];
          };
          name: string;
          targets: {
            firstResponse?: {
              breachMinutes: number;
              warningMinutes: number;
            };
            nextResponse?: {
              breachMinutes: number;
              warningMinutes: number;
            };
            resolution?: {
              breachMinutes: number;
              warningMinutes: number;
            };
            stages?: {
              [key: string]: {
                breachMinutes: number;
                warningMinutes: number;
              };
            };
          };
        };
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SlaPolicyDto'];
        };
      };
    };
  };
  SlaPoliciesController_order: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          ids: string[];
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SlaPolicyDto'][];
        };
      };
    };
  };
  InboundEventsController_list: {
    parameters: {
      query?: {
        before?: string;
        limit?: number;
        status?: 'pending' | 'processed' | 'partial' | 'failed' | 'held';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InboundEventPageDto'];
        };
      };
    };
  };
  InboundEventsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InboundEventDto'];
        };
      };
    };
  };
  InboundEventsController_replay: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InboundEventDto'];
        };
      };
    };
  };
  ProfileController_update: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          currentPassword?: string;
          email?: string;
          name?: string;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProfileDto'];
        };
      };
      /** @description A bad field, named in `problems` (empty, too long, unknown); `code` wrong_password when the current password is wrong */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description email: another user has it (email_taken), or the account has no password (no_password) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Too many wrong passwords: the e-mail is locked for a while */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MyAvailabilityController_get: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AvailabilityHistoryDto'];
        };
      };
    };
  };
  MyAvailabilityController_set: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason?: string;
          /** @enum {string} */
          status: 'online' | 'away' | 'offline';
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AvailabilityDto'];
        };
      };
    };
  };
  ProfileController_changePassword: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          currentPassword: string;
          newPassword: string;
        };
      };
    };
    responses: {
      /** @description Changed; this session stays signed in */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SignedOutDto'];
        };
      };
      /** @description A bad field, named in `problems` (empty, too long, unknown); `code` wrong_password when the current password is wrong */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The account signs in through single sign-on and has no password (no_password) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Too many wrong passwords: the e-mail is locked for a while */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProfileController_signOutOthers: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SignedOutDto'];
        };
      };
    };
  };
  TransferTargetsController_list: {
    parameters: {
      query?: {
        /** @description Numbers of this conversation's WhatsApp account only, without its own number; none for a conversation you may not transfer */
        conversationId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TransferTargetsDto'];
        };
      };
      /** @description conversationId: not a uuid */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MediaController_media: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  NumbersController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NumberPageDto'];
        };
      };
    };
  };
  NumbersController_register: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          accessToken: string;
          appSecret: string;
          /** Format: uuid */
          departmentId: string;
          phoneNumberId: string;
          verifyToken: string;
          wabaId: string;
        };
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NumberDto'];
        };
      };
    };
  };
  NumbersController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NumberDto'];
        };
      };
    };
  };
  NumbersController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AccountEventsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  NumberHealthController_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  NumbersController_archive: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  NumbersController_testConnection: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NumberDto'];
        };
      };
    };
  };
  NumbersController_rotate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          accessToken?: string;
          appSecret?: string;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NumberDto'];
        };
      };
    };
  };
  NumbersController_disable: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  NumbersController_enable: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  NumbersController_events: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  NumberHealthController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NumberHealthDto'];
        };
      };
    };
  };
  NumberHealthController_settings: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          silenceAlarmMinutes: number | null;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  NumbersController_move: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          departmentId: string;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  NumbersController_listTemplates: {
    parameters: {
      query?: {
        name?: string;
        status?:
          | 'APPROVED'
          | 'PENDING'
          | 'REJECTED'
          | 'PAUSED'
          | 'DISABLED'
          | 'FLAGGED'
          | 'IN_APPEAL'
          | 'REINSTATED'
          | 'LIMIT_EXCEEDED'
          | 'LOCKED'
          | 'PENDING_DELETION'
          | 'ARCHIVED'
          | 'DELETED';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TemplateListDto'];
        };
      };
    };
  };
  NumbersController_createTemplate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          allowCategoryChange?: boolean;
          /** @enum {string} */
          category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
          components: (
            | {
                add_security_recommendation?: boolean;
                example?: {
                  [key: string]: unknown;
                };
                text?: string;
                /** @constant */
                type: 'BODY';
              }
            | {
                example?: {
                  [key: string]: unknown;
                };
                /** @enum {string} */
                format: 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'LOCATION';
                text?: string;
                /** @constant */
                type: 'HEADER';
              }
            | {
                code_expiration_minutes?: number;
                text?: string;
                /** @constant */
                type: 'FOOTER';
              }
            | {
                buttons: (
                  | {
                      autofill_text?: string;
                      /** @enum {string} */
                      otp_type: 'COPY_CODE' | 'ONE_TAP' | 'ZERO_TAP';
                      supported_apps?: {
                        package_name: string;
                        signature_hash: string;
                      }[];
                      text?: string;
                      /** @constant */
                      type: 'OTP';
                      zero_tap_terms_accepted?: boolean;
                    }
                  | ({
                      /** @enum {string} */
                      type: 'QUICK_REPLY' | 'URL' | 'PHONE_NUMBER' | 'COPY_CODE' | 'FLOW' | 'CATALOG' | 'MPM';
                    } & {
                      [key: string]: unknown;
                    })
                )[];
                /** @constant */
                type: 'BUTTONS';
              }
          )[];
          language: string;
          name: string;
          /** @enum {string} */
          parameterFormat?: 'POSITIONAL' | 'NAMED';
        };
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TemplateDto'];
        };
      };
    };
  };
  NumbersController_syncTemplates: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TemplateSyncDto'];
        };
      };
    };
  };
  NumbersController_unarchive: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  PluginInstallationsController_ofNumber: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        numberId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NumberPluginsDto'];
        };
      };
    };
  };
  PluginInstallationsController_upsert: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        numberId: string;
        pluginId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          credentials?: {
            [key: string]: string | null;
          };
          enabled?: boolean;
          settings?: {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PluginInstallationDto'];
        };
      };
    };
  };
  PipelinesController_list: {
    parameters: {
      query?: {
        departmentId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PipelineDto'][];
        };
      };
    };
  };
  PipelinesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PipelineDto'];
        };
      };
    };
  };
  PipelinesController_board: {
    parameters: {
      query?: {
        assignee?: ('me' | 'none') | string;
        label?: string;
        perStage?: number;
        priority?: 'low' | 'normal' | 'high' | 'urgent';
        q?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BoardDto'];
        };
      };
    };
  };
  PipelinesController_adjustField: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        fieldKey: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          label?: string;
          reset?: 'label'[];
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PipelineDto'];
        };
      };
    };
  };
  PipelinesController_adjustStage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        stageKey: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          color?: string | null;
          name?: string;
          requiredFields?: string[];
          reset?: ('name' | 'color' | 'wipLimit' | 'requiredFields')[];
          wipLimit?: number | null;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PipelineDto'];
        };
      };
    };
  };
  PluginInstallationsController_failures: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  PluginInstallationsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  PluginsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  QuickRepliesController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description You lack routing.manage in its department */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such department or quick reply, or not visible to you */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  QuickRepliesController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          shortcut?: string;
          text?: string;
          title?: string;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QuickReplyDto'];
        };
      };
      /** @description A field is empty, too long or holds an unknown placeholder (named) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description You lack routing.manage in its department */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such department or quick reply, or not visible to you */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The shortcut is already used in the department */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RealtimeEventsController_events: {
    parameters: {
      query: {
        /** @description A socket event cursor */
        after: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RealtimeEventsPageDto'];
        };
      };
      /** @description `after` is not an event cursor (code cursor_malformed), or limit outside 1..1000 */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The cursor is older than the kept events (code cursor_expired): reload the lists, then follow live events */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ReportsController_backlog: {
    parameters: {
      query: {
        departmentId?: unknown;
        format?: 'json' | 'csv';
        /** @description ISO 8601 date-time, inclusive */
        from: unknown;
        /** @description ISO 8601 date-time, exclusive */
        to: unknown;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description JSON as here; CSV has the same figures, one row per line */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BacklogReportDto'];
          'text/csv': components['schemas']['BacklogReportDto'];
        };
      };
    };
  };
  ReportsController_overview: {
    parameters: {
      query: {
        departmentId?: unknown;
        format?: 'json' | 'csv';
        /** @description ISO 8601 date-time, inclusive */
        from: unknown;
        /** @description ISO 8601 date-time, exclusive */
        to: unknown;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description JSON as here; CSV has the same figures, one row per line */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OverviewReportDto'];
          'text/csv': components['schemas']['OverviewReportDto'];
        };
      };
    };
  };
  ReportsController_responseTimes: {
    parameters: {
      query: {
        departmentId?: unknown;
        format?: 'json' | 'csv';
        /** @description ISO 8601 date-time, inclusive */
        from: unknown;
        groupBy?: 'agent' | 'team' | 'department' | 'number';
        /** @description ISO 8601 date-time, exclusive */
        to: unknown;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description JSON as here; CSV has the same figures, one row per line */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ResponseTimesReportDto'];
          'text/csv': components['schemas']['ResponseTimesReportDto'];
        };
      };
    };
  };
  ReportsController_slaReport: {
    parameters: {
      query: {
        departmentId?: unknown;
        format?: 'json' | 'csv';
        /** @description ISO 8601 date-time, inclusive */
        from: unknown;
        groupBy?: 'agent' | 'team' | 'department';
        /** @description ISO 8601 date-time, exclusive */
        to: unknown;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description JSON as here; CSV has the same figures, one row per line */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SlaReportDto'];
          'text/csv': components['schemas']['SlaReportDto'];
        };
      };
    };
  };
  ReportsController_volumeReport: {
    parameters: {
      query: {
        departmentId?: unknown;
        format?: 'json' | 'csv';
        /** @description ISO 8601 date-time, inclusive */
        from: unknown;
        /** @description ISO 8601 date-time, exclusive */
        to: unknown;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description JSON as here; CSV has the same figures, one row per line */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['VolumeReportDto'];
          'text/csv': components['schemas']['VolumeReportDto'];
        };
      };
    };
  };
  RoutingRulesController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          actions?: {
            assign?: {
              /** Format: uuid */
              userId: string;
            };
            autoReply?: {
              template?: {
                language: string;
                name: string;
                parameters?: string[];
              };
              text?: string;
            };
            labels?: {
              add: string[];
            };
            /** @enum {string} */
            priority?: 'low' | 'normal' | 'high' | 'urgent';
            requireSkills?: string[];
            setFields?: {
              [key: string]: unknown;
            };
            stage?: string;
            team?: {
              /** Format: uuid */
              teamId: string;
            };
            transfer?: {
              /** Format: uuid */
              departmentId: string;
            };
          };
          conditions?: {
            card?: {
              equals?: string | number | boolean;
              exists?: boolean;
              field: string;
              in?: (string | number | boolean)[];
            };
            contact?: {
              attributes?: {
                [key: string]: string | number | boolean;
              };
              country?: string[];
              isNew?: boolean;
              phonePrefix?: string[];
            };
            intent?: string;
            language?: string[];
            numberIds?: string[];
            text?: {
              keywords?: string[];
              pattern?: string;
            };
            time?: {
              /** @enum {string} */
              within: 'business_hours' | 'outside_business_hours';
            };
          };
          enabled?: boolean;
          name?: string;
          numberId?: string | null;
          stop?: boolean;
          /** @enum {string} */
          trigger?: 'conversation_opened' | 'every_message';
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RoutingRuleDto'];
        };
      };
    };
  };
  RoutingRulesController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SlaPoliciesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SlaPolicyDto'];
        };
      };
    };
  };
  SlaPoliciesController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          businessHours?: boolean;
          enabled?: boolean;
          escalations?: {
            /** @enum {string} */
            action: 'raise_priority' | 'return_to_queue' | 'assign_user';
            /** @enum {string} */
            clock: 'first_response' | 'next_response' | 'resolution' | 'stage' | 'any';
            /** @enum {string} */
            on: 'warning' | 'breach';
            /** Format: uuid */
            userId?: string;
          }[];
          match?: {
            numberIds?: string[];
            priorities?: ('low' | 'normal' | 'high' | 'urgent')[];
            requestTypes?: string[];
          };
          name?: string;
          targets?: {
            firstResponse?: {
              breachMinutes: number;
              warningMinutes: number;
            };
            nextResponse?: {
              breachMinutes: number;
              warningMinutes: number;
            };
            resolution?: {
              breachMinutes: number;
              warningMinutes: number;
            };
            stages?: {
              [key: string]: {
                breachMinutes: number;
                warningMinutes: number;
              };
            };
          };
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SlaPolicyDto'];
        };
      };
    };
  };
  SlaPoliciesController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TeamsController_list: {
    parameters: {
      query?: {
        departmentId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TeamDto'][];
        };
      };
    };
  };
  TeamsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          departmentId: string;
          name: string;
        };
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TeamDto'];
        };
      };
    };
  };
  TeamsController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TeamsController_setMembers: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          userIds: string[];
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TeamDto'];
        };
      };
    };
  };
  UsersController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'][];
        };
      };
    };
  };
  UsersController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          email: string;
          /** @default false */
          isAdmin?: boolean;
          /** @default [] */
          memberships?: {
            /** Format: uuid */
            departmentId: string;
            /** @enum {string} */
            role: 'supervisor' | 'agent' | 'viewer';
          }[];
          name: string;
          password?: string;
        };
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedUserDto'];
        };
      };
    };
  };
  UsersController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
    };
  };
  UsersController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          isAdmin?: boolean;
          memberships?: {
            /** Format: uuid */
            departmentId: string;
            /** @enum {string} */
            role: 'supervisor' | 'agent' | 'viewer';
          }[];
          name?: string;
          /** @enum {string} */
          status?: 'active' | 'disabled';
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
    };
  };
  UsersController_invitation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IssuedLinkDto'];
        };
      };
    };
  };
  UsersController_passwordReset: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IssuedLinkDto'];
        };
      };
    };
  };
  UsersController_revokeSessions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RevokedSessionsDto'];
        };
      };
    };
  };
  HealthController_live: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  HealthController_ready: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
}
