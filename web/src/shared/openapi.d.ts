// Generated from the OpenAPI document (GET /api/openapi.json) by scripts/api-types.ts. Do not edit:
// change the route schemas, then run `npm run api-types`.

export interface paths {
    "/api/v1/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists agents by email */
        get: {
            parameters: {
                query: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    limit: number;
                    /** @description APAC, EMEA, AMER or your own */
                    region?: string;
                    role?: "agent" | "lead" | "admin";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                createdAt: string;
                                email: string;
                                id: string;
                                name: string;
                                region: string | null;
                                role: "agent" | "lead" | "admin";
                                timeZone: string;
                                updatedAt: string;
                            }[];
                            /** @description pass as cursor for the next page; null at the end */
                            nextCursor: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Creates an agent (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        name: string;
                        region?: string | null;
                        role: "agent" | "lead" | "admin";
                        /** @description IANA time zone, e.g. Europe/Lisbon */
                        timeZone: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            createdAt: string;
                            email: string;
                            id: string;
                            name: string;
                            region: string | null;
                            role: "agent" | "lead" | "admin";
                            timeZone: string;
                            updatedAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            createdAt: string;
                            email: string;
                            id: string;
                            name: string;
                            region: string | null;
                            role: "agent" | "lead" | "admin";
                            timeZone: string;
                            updatedAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Changes an agent: their own name, zone and region; a lead anyone’s zone and region; role and active need an admin */
        patch: {
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
                    "application/json": {
                        active?: boolean;
                        name?: string;
                        region?: string | null;
                        role?: "agent" | "lead" | "admin";
                        /** @description IANA time zone, e.g. Europe/Lisbon */
                        timeZone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            createdAt: string;
                            email: string;
                            id: string;
                            name: string;
                            region: string | null;
                            role: "agent" | "lead" | "admin";
                            timeZone: string;
                            updatedAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/agents/{id}/calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An agent’s calendar and video room (own, or a lead) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description agent id, email, or me */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            calendar: {
                                hasPassword: boolean;
                                kind: string;
                                lastError: string | null;
                                refreshedAt: string | null;
                                url: string;
                                username: string | null;
                            } | null;
                            roomUrl: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        /**
         * Sets an agent’s calendar: CalDAV (busy time read, calls written) or a published ICS feed (read only)
         * @description Checked before it is kept: a calendar the desk cannot read answers 422 CALENDAR_UNREACHABLE. The password is sealed and never shown again; leave it out to keep the stored one.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description agent id, email, or me */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        kind: "caldav" | "ics";
                        password?: string | null;
                        /** @description CalDAV: the calendar collection URL; ics: the feed URL */
                        url: string;
                        username?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            calendar: {
                                hasPassword: boolean;
                                kind: string;
                                lastError: string | null;
                                refreshedAt: string | null;
                                url: string;
                                username: string | null;
                            } | null;
                            roomUrl: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                422: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        post?: never;
        /** Forgets the agent’s calendar */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description agent id, email, or me */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            calendar: {
                                hasPassword: boolean;
                                kind: string;
                                lastError: string | null;
                                refreshedAt: string | null;
                                url: string;
                                username: string | null;
                            } | null;
                            roomUrl: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{id}/calendar/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reads the agent’s calendar now */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description agent id, email, or me */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            calendar: {
                                hasPassword: boolean;
                                kind: string;
                                lastError: string | null;
                                refreshedAt: string | null;
                                url: string;
                                username: string | null;
                            } | null;
                            roomUrl: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{id}/passkeys/{passkeyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes one of an agent’s passkeys, for a lost or stolen device (admin) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    passkeyId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{id}/room": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Sets the agent’s personal video room (Zoom personal link, Meet link); null removes it */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description agent id, email, or me */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        url: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            calendar: {
                                hasPassword: boolean;
                                kind: string;
                                lastError: string | null;
                                refreshedAt: string | null;
                                url: string;
                                username: string | null;
                            } | null;
                            roomUrl: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{id}/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An agent’s zone, weekly hours, holidays country, skills and time off; whether they are on shift now */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description agent id or email */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agentId: string;
                            country: string | null;
                            email: string;
                            /** @description hand over when my day ends: tickets assigned to this agent by hand move at handover too (false: they stay, pinned) */
                            handOverDefault: boolean;
                            /** @description weekly hours in the agent’s own zone; unlisted days are off */
                            hours: {
                                [key: string]: string;
                            };
                            nextShiftStart: string | null;
                            onShift: boolean;
                            region: string | null;
                            skills: string[];
                            timeOff: unknown[];
                            timeZone: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        /** Changes an agent’s schedule (their own, or anyone’s as a lead) */
        put: {
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
                    "application/json": {
                        country?: string | null;
                        /** @description the default for tickets assigned to them by hand from now on */
                        handOverDefault?: boolean;
                        /** @description weekly hours in the agent’s own zone; unlisted days are off */
                        hours?: {
                            [key: string]: string;
                        };
                        region?: string | null;
                        skills?: string[];
                        timeZone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agentId: string;
                            country: string | null;
                            email: string;
                            /** @description hand over when my day ends: tickets assigned to this agent by hand move at handover too (false: they stay, pinned) */
                            handOverDefault: boolean;
                            /** @description weekly hours in the agent’s own zone; unlisted days are off */
                            hours: {
                                [key: string]: string;
                            };
                            nextShiftStart: string | null;
                            onShift: boolean;
                            region: string | null;
                            skills: string[];
                            timeOff: unknown[];
                            timeZone: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{id}/second-factors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An agent’s second factors, to help one who lost a device: authenticator app, passkeys (admin) */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authenticatorApp: {
                                enabled: boolean;
                                enabledAt: string | null;
                            };
                            passkeys: {
                                backedUp: boolean;
                                createdAt: string;
                                /** @description multiDevice: a synced passkey (a password manager, a phone’s cloud keychain) */
                                deviceType: "singleDevice" | "multiDevice";
                                id: string;
                                lastUsedAt: string | null;
                                name: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{id}/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Turns off an agent’s two-factor sign-in, for a lost phone without recovery codes (admin) */
        delete: {
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
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attachments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An attachment's content */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log (admin): sign-ins, accounts and roles, two-factor, tokens, settings; JSON or CSV
         * @description Events outside tickets, newest first. Page with `before` (the last id seen). With format=csv (or `Accept: text/csv`) every matching event, up to 100,000, as one CSV file.
         */
        get: {
            parameters: {
                query: {
                    /** @description the actor's id */
                    actor?: string;
                    /** @description events older than this id */
                    before?: number;
                    /** @description default all */
                    category?: "sign-in" | "two-factor" | "people" | "tokens" | "settings" | "all";
                    format?: "json" | "csv";
                    limit: number;
                    since?: string;
                    until?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Events, and the id to ask `before` for the next page (null at the end); or CSV */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                action: string;
                                actor: {
                                    id: string | null;
                                    kind: "agent" | "contact" | "token" | "system";
                                    name: string;
                                };
                                at: string;
                                category: ("sign-in" | "two-factor" | "people" | "tokens" | "settings") | null;
                                data: {
                                    [key: string]: unknown;
                                };
                                entityId: string;
                                entityType: string;
                                id: number;
                            }[];
                            nextBefore: number | null;
                        };
                        "text/csv": string;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/methods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How agents sign in here: single sign-on (GET /auth/oidc, GET /auth/saml) and/or email and password */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description single sign-on is set up: the sign-in page links to /auth/oidc */
                            oidc: boolean;
                            /** @description agents may sign in with email and password */
                            password: boolean;
                            /** @description SAML single sign-on is set up: the sign-in page links to /auth/saml */
                            saml: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/passkey/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Starts signing in with a passkey alone: options for the browser
         * @description The browser offers the passkeys it keeps for this desk; no email is asked.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: uuid
                             * @description the ceremony the answer is for, from the options call: good once, for 5 minutes
                             */
                            attempt: string;
                            expiresAt: string;
                            /** @description options for @simplewebauthn/browser (optionsJSON) */
                            options: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An agent who forgot their password asks for a reset link by mail
         * @description Always 202: the answer never tells whether the address is an agent’s. The link works once, for an hour.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sent: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sets a new password with the mailed link; ends every session of the agent
         * @description Signs the agent in (sets the session cookie) unless they have two-factor sign-in: then signedIn is false and they sign in with the new password and a code.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actor?: {
                                [key: string]: unknown;
                            };
                            csrfToken?: string;
                            signedIn: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/redeem": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchanges a one-time sign-in link token for a session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description absent when the agent gives a second factor next */
                            csrfToken?: string;
                            kind: string;
                            twoFactor?: {
                                /** @description send to POST /api/v1/auth/sign-in/two-factor with a code: good once, for 5 minutes */
                                challenge: string;
                                expiresAt: string;
                                methods: ("totp" | "recovery" | "passkey")[];
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who am I */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actor: {
                                [key: string]: unknown;
                            };
                            /** @description send in the x-csrf-token header with every write made with the session cookie */
                            csrfToken: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Agent sign-in with email and password; sets the session cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actor: {
                                [key: string]: unknown;
                            };
                            /** @description send in the x-csrf-token header with every write made with the session cookie */
                            csrfToken: string | null;
                        } | {
                            twoFactor: {
                                /** @description send to POST /api/v1/auth/sign-in/two-factor with a code: good once, for 5 minutes */
                                challenge: string;
                                expiresAt: string;
                                methods: ("totp" | "recovery" | "passkey")[];
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                /** @description SIGN_IN_BUSY: too many password checks queued; try again after Retry-After seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, SCREAMING_SNAKE error code, e.g. TICKET_NOT_FOUND */
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sign-in-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A customer asks for a one-time sign-in link by email
         * @description Always 202: the answer never tells whether the address belongs to a contact.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sent: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sign-in-options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The portal asks how an address signs in: its domain’s company sign-in, if any
         * @description Decided by the domain alone, the same for every address there: it never tells whether the address belongs to a contact.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            companySignIn: {
                                name: string;
                                organizationId: string;
                                /** @description no emailed link: the company sign-in only */
                                required: boolean;
                                /** @description the page that starts it */
                                url: string;
                            } | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sign-in/passkey": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Signs an agent in with a passkey; sets the session cookie
         * @description Works with PASSWORD_SIGN_IN=false too: a passkey is not a password.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: uuid
                         * @description the ceremony the answer is for, from the options call: good once, for 5 minutes
                         */
                        attempt: string;
                        /** @description what navigator.credentials.get answered (startAuthentication) */
                        response: {
                            authenticatorAttachment?: string;
                            clientExtensionResults: {
                                [key: string]: unknown;
                            };
                            id: string;
                            /** @description base64url */
                            rawId: string;
                            response: {
                                /** @description base64url */
                                authenticatorData: string;
                                /** @description base64url */
                                clientDataJSON: string;
                                /** @description base64url */
                                signature: string;
                                /** @description base64url */
                                userHandle?: string;
                            };
                            /** @enum {string} */
                            type: "public-key";
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actor: {
                                [key: string]: unknown;
                            };
                            csrfToken: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sign-in/two-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The second step of an agent’s sign-in: the challenge and a code (or a recovery code, or a passkey)
         * @description A right code sets the session cookie, as sign-in does. Each challenge takes 5 wrong codes, then the password is needed again. A passkey answers a ceremony from POST /api/v1/auth/sign-in/two-factor/passkey-options.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        challenge: string;
                        /** @description six digits from the authenticator app */
                        code?: string;
                        passkey?: {
                            /**
                             * Format: uuid
                             * @description the ceremony the answer is for, from the options call: good once, for 5 minutes
                             */
                            attempt: string;
                            /** @description what navigator.credentials.get answered (startAuthentication) */
                            response: {
                                authenticatorAttachment?: string;
                                clientExtensionResults: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                /** @description base64url */
                                rawId: string;
                                response: {
                                    /** @description base64url */
                                    authenticatorData: string;
                                    /** @description base64url */
                                    clientDataJSON: string;
                                    /** @description base64url */
                                    signature: string;
                                    /** @description base64url */
                                    userHandle?: string;
                                };
                                /** @enum {string} */
                                type: "public-key";
                            };
                        };
                        /** @description one of the recovery codes, once */
                        recoveryCode?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actor: {
                                [key: string]: unknown;
                            };
                            csrfToken: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sign-in/two-factor/passkey-options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * At the second step of a sign-in, options to answer with one of the agent’s passkeys
         * @description The answer goes to POST /api/v1/auth/sign-in/two-factor as { challenge, passkey: { attempt, response } }.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        challenge: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: uuid
                             * @description the ceremony the answer is for, from the options call: good once, for 5 minutes
                             */
                            attempt: string;
                            expiresAt: string;
                            /** @description options for @simplewebauthn/browser (optionsJSON) */
                            options: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ends the browser session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sign-out-everywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ends every session of the signed-in agent or contact, on every device
         * @description API tokens stay valid; an admin revokes those.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bundle-limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How large a bundle may be, how long it is kept, what the analysis reads */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description file kinds the analysis recognises */
                            accepted: string[];
                            maxBytes: number;
                            rawMaxBytes: number;
                            retentionDays: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bundles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A bundle and its analysis (the analysis: agents only) */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            analysedAt: string | null;
                            bucketS?: number;
                            contentType: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description whether GET /api/v1/bundles/{id}/file serves it now: its file is kept and, with a virus scan, passed */
                            downloadable: boolean;
                            endpoints?: {
                                count: number;
                                errorRate: number;
                                meanDbMs?: number;
                                p50Ms: number;
                                p99Ms: number;
                                route: string;
                            }[];
                            error: string | null;
                            errors?: {
                                count: number;
                                firstSeen: string;
                                lastSeen: string;
                                signature: string;
                                spikes?: number[];
                            }[];
                            /** Format: date-time */
                            expiresAt: string;
                            filename: string;
                            files: {
                                badLines: number;
                                bytes: number;
                                /** @description what it was read as (production_json, sidekiq, postgresql, …), skipped or refused */
                                kind: string;
                                lines: number;
                                note?: string;
                                path: string;
                            }[];
                            findings?: {
                                docs?: string;
                                evidence?: {
                                    [key: string]: number | string;
                                };
                                message: string;
                                /** @description the rule’s id: src/diagnostics/rules/<rule>.ts */
                                rule: string;
                                severity: "critical" | "warning" | "info";
                            }[];
                            gitaly?: {
                                count: number;
                                errors: number;
                                p99Ms: number;
                                rpc: string;
                            }[];
                            /** Format: uuid */
                            id: string;
                            notes?: string[];
                            /** @description share of the bundle read so far */
                            progress: number;
                            samples?: {
                                [key: string]: string[];
                            };
                            sidekiq?: {
                                class: string;
                                count: number;
                                failures: number;
                                p99DurationS: number;
                                p99QueueLatencyS: number;
                            }[];
                            size: number;
                            /** @description a resumable upload, a raw body (scripts, the CLI), or a mail attachment */
                            source: "upload" | "api" | "mail";
                            sql?: {
                                count: number;
                                fingerprint: string;
                                meanMs: number;
                                p99Basis?: "samples" | "summary";
                                p99Ms: number;
                                query: string;
                                sources: string[];
                                totalMs: number;
                            }[];
                            /** @description queued → analysing → done, or failed with `error` */
                            state: "queued" | "analysing" | "done" | "failed";
                            stats?: {
                                bytesRead: number;
                                inflatedBytes: number;
                                lines: number;
                                ms: number;
                            };
                            system?: {
                                [key: string]: unknown;
                            };
                            ticketNumber: number;
                            timeline?: {
                                at: string;
                                errors: number;
                                queueDepth?: number;
                                requests: number;
                                sidekiqJobs: number;
                                slowSql: number;
                            }[];
                            top?: {
                                agents: {
                                    count: number;
                                    durationS: number;
                                    key: string;
                                }[];
                                ips: {
                                    count: number;
                                    durationS: number;
                                    key: string;
                                }[];
                                projects: {
                                    count: number;
                                    durationS: number;
                                    key: string;
                                }[];
                                users: {
                                    count: number;
                                    durationS: number;
                                    key: string;
                                }[];
                            };
                            uploadedBy: {
                                kind: "agent" | "contact" | "system";
                                name: string;
                            };
                            window?: {
                                from: string;
                                to: string;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        /** Deletes a bundle: its file and its results (agents, and the contact who uploaded it) */
        delete: {
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
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bundles/{id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Downloads a bundle as it was uploaded (agents, and the ticket’s contacts)
         * @description With a virus scan configured, 409 BUNDLE_NOT_READY until the scan has passed (`downloadable` on the bundle says when); a bundle the scan refused has no file any more.
         */
        get: {
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
                /** @description the bundle’s bytes (application/octet-stream) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/call-offers/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A booking link: the ticket, the call type and the free times (no sign-in: the link is the permission) */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresAt: string;
                            slots: {
                                agent: {
                                    name: string;
                                };
                                end: string;
                                start: string;
                            }[];
                            ticket: {
                                number: number;
                                subject: string;
                            };
                            type: {
                                durationMinutes: number;
                                id: string;
                                name: string;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/call-offers/{token}/calls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Books from a booking link; a taken time answers 409 SLOT_TAKEN with nextSlots */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        start: string;
                        /** @description IANA time zone, e.g. Europe/Lisbon */
                        zone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent: {
                                email: string;
                                name: string;
                            };
                            customerEmail: string;
                            customerJoinedAt: string | null;
                            customerZone: string | null;
                            emergency: boolean;
                            end: string;
                            /** Format: uuid */
                            id: string;
                            outcomeAt: string | null;
                            outcomeNotes: string | null;
                            start: string;
                            status: "booked" | "cancelled" | "done" | "no-show";
                            ticket: number;
                            type: {
                                id: string;
                                name: string;
                            } | null;
                            videoUrl: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, SCREAMING_SNAKE error code, e.g. TICKET_NOT_FOUND */
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                            /** @description the next free times, when the slot was taken */
                            nextSlots?: {
                                agent: {
                                    email: string;
                                    name: string;
                                };
                                end: string;
                                start: string;
                            }[];
                        };
                    };
                };
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/call-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Call types (admins and leads: all; agents: the active ones) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                bufferAfterMinutes: number;
                                bufferBeforeMinutes: number;
                                distribution: string;
                                durationMinutes: number;
                                horizonDays: number;
                                hosts: string;
                                /** Format: uuid */
                                id: string;
                                maxPerAgentPerDay: number | null;
                                minNoticeMinutes: number;
                                name: string;
                                plans: string[];
                                region: string | null;
                                skill: string | null;
                                team: string | null;
                                video: string;
                                videoUrlTemplate: string | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Creates a call type (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        bufferAfterMinutes?: number;
                        bufferBeforeMinutes?: number;
                        /** @description round robin: first available (least recently booked), or equal distribution (fewest calls) */
                        distribution?: "available" | "equal";
                        durationMinutes: number;
                        horizonDays?: number;
                        /** @description the ticket’s assignee, or any agent of the team / region / skill */
                        hosts: "assignee" | "round-robin";
                        maxPerAgentPerDay?: number | null;
                        minNoticeMinutes?: number;
                        name: string;
                        /** @description empty: every plan */
                        plans?: string[];
                        region?: string | null;
                        skill?: string | null;
                        team?: string | null;
                        video?: "template" | "personal" | "none";
                        videoUrlTemplate?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            bufferAfterMinutes: number;
                            bufferBeforeMinutes: number;
                            distribution: string;
                            durationMinutes: number;
                            horizonDays: number;
                            hosts: string;
                            /** Format: uuid */
                            id: string;
                            maxPerAgentPerDay: number | null;
                            minNoticeMinutes: number;
                            name: string;
                            plans: string[];
                            region: string | null;
                            skill: string | null;
                            team: string | null;
                            video: string;
                            videoUrlTemplate: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/call-types/{id}": {
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
        /** Changes a call type (admin); active: false retires it */
        patch: {
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
                    "application/json": {
                        active?: boolean;
                        bufferAfterMinutes?: number;
                        bufferBeforeMinutes?: number;
                        /** @description round robin: first available (least recently booked), or equal distribution (fewest calls) */
                        distribution?: "available" | "equal";
                        durationMinutes?: number;
                        horizonDays?: number;
                        /** @description the ticket’s assignee, or any agent of the team / region / skill */
                        hosts?: "assignee" | "round-robin";
                        maxPerAgentPerDay?: number | null;
                        minNoticeMinutes?: number;
                        name?: string;
                        /** @description empty: every plan */
                        plans?: string[];
                        region?: string | null;
                        skill?: string | null;
                        team?: string | null;
                        video?: "template" | "personal" | "none";
                        videoUrlTemplate?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            bufferAfterMinutes: number;
                            bufferBeforeMinutes: number;
                            distribution: string;
                            durationMinutes: number;
                            horizonDays: number;
                            hosts: string;
                            /** Format: uuid */
                            id: string;
                            maxPerAgentPerDay: number | null;
                            minNoticeMinutes: number;
                            name: string;
                            plans: string[];
                            region: string | null;
                            skill: string | null;
                            team: string | null;
                            video: string;
                            videoUrlTemplate: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/calls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Calls in a range (default the next 7 days), of one agent (id, email or me) or everyone */
        get: {
            parameters: {
                query?: {
                    agent?: string;
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                agent: {
                                    email: string;
                                    name: string;
                                };
                                customerEmail: string;
                                customerJoinedAt: string | null;
                                customerZone: string | null;
                                emergency: boolean;
                                end: string;
                                /** Format: uuid */
                                id: string;
                                outcomeAt: string | null;
                                outcomeNotes: string | null;
                                start: string;
                                status: "booked" | "cancelled" | "done" | "no-show";
                                ticket: number;
                                type: {
                                    id: string;
                                    name: string;
                                } | null;
                                videoUrl: string | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Cancels a call (agent, or the ticket’s customer): attendees get a METHOD:CANCEL */
        delete: {
            parameters: {
                query?: {
                    reason?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent: {
                                email: string;
                                name: string;
                            };
                            customerEmail: string;
                            customerJoinedAt: string | null;
                            customerZone: string | null;
                            emergency: boolean;
                            end: string;
                            /** Format: uuid */
                            id: string;
                            outcomeAt: string | null;
                            outcomeNotes: string | null;
                            start: string;
                            status: "booked" | "cancelled" | "done" | "no-show";
                            ticket: number;
                            type: {
                                id: string;
                                name: string;
                            } | null;
                            videoUrl: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        /** Moves a call to another free time of the same host (agent, or the ticket’s customer) */
        patch: {
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
                    "application/json": {
                        /** Format: date-time */
                        start: string;
                        /** @description IANA time zone, e.g. Europe/Lisbon */
                        zone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent: {
                                email: string;
                                name: string;
                            };
                            customerEmail: string;
                            customerJoinedAt: string | null;
                            customerZone: string | null;
                            emergency: boolean;
                            end: string;
                            /** Format: uuid */
                            id: string;
                            outcomeAt: string | null;
                            outcomeNotes: string | null;
                            start: string;
                            status: "booked" | "cancelled" | "done" | "no-show";
                            ticket: number;
                            type: {
                                id: string;
                                name: string;
                            } | null;
                            videoUrl: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, SCREAMING_SNAKE error code, e.g. TICKET_NOT_FOUND */
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                            /** @description the next free times, when the slot was taken */
                            nextSlots?: {
                                agent: {
                                    email: string;
                                    name: string;
                                };
                                end: string;
                                start: string;
                            }[];
                        };
                    };
                };
                429: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/calls/{id}/outcome": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** After the call (agent): done with notes (an internal note), or no-show (the customer gets a link to book again) */
        post: {
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
                    "application/json": {
                        notes?: string;
                        outcome: "done" | "no-show";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent: {
                                email: string;
                                name: string;
                            };
                            customerEmail: string;
                            customerJoinedAt: string | null;
                            customerZone: string | null;
                            emergency: boolean;
                            end: string;
                            /** Format: uuid */
                            id: string;
                            outcomeAt: string | null;
                            outcomeNotes: string | null;
                            start: string;
                            status: "booked" | "cancelled" | "done" | "no-show";
                            ticket: number;
                            type: {
                                id: string;
                                name: string;
                            } | null;
                            videoUrl: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/load": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Call load per agent over a range (lead): calls, minutes, no-shows */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                agent: {
                                    email: string;
                                    name: string;
                                };
                                calls: number;
                                minutes: number;
                                noShows: number;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists contacts by email */
        get: {
            parameters: {
                query: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    limit: number;
                    organizationId?: string;
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                email: string;
                                id: string;
                                name: string | null;
                                /** @description manages the organization's named contacts in the portal (always a named contact itself) */
                                orgAdmin: boolean;
                                organizationId: string | null;
                                /** @description a named support contact may open tickets for the organization */
                                supportContact: boolean;
                                updatedAt: string;
                            }[];
                            /** @description pass as cursor for the next page; null at the end */
                            nextCursor: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Creates a contact (a customer); placing them in an organization needs a lead */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        name?: string | null;
                        organizationId?: string | null;
                        /** @default true */
                        supportContact?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            email: string;
                            id: string;
                            name: string | null;
                            /** @description manages the organization's named contacts in the portal (always a named contact itself) */
                            orgAdmin: boolean;
                            organizationId: string | null;
                            /** @description a named support contact may open tickets for the organization */
                            supportContact: boolean;
                            updatedAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contacts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            email: string;
                            id: string;
                            name: string | null;
                            /** @description manages the organization's named contacts in the portal (always a named contact itself) */
                            orgAdmin: boolean;
                            organizationId: string | null;
                            /** @description a named support contact may open tickets for the organization */
                            supportContact: boolean;
                            updatedAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Changes a contact; email, organization, support role, organization admin and notes need a lead, a name any agent */
        patch: {
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
                    "application/json": {
                        /** Format: email */
                        email?: string;
                        name?: string | null;
                        notes?: string | null;
                        orgAdmin?: boolean;
                        organizationId?: string | null;
                        supportContact?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            email: string;
                            id: string;
                            name: string | null;
                            /** @description manages the organization's named contacts in the portal (always a named contact itself) */
                            orgAdmin: boolean;
                            organizationId: string | null;
                            /** @description a named support contact may open tickets for the organization */
                            supportContact: boolean;
                            updatedAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/contacts/{id}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Ends every session of a contact and cancels their unused sign-in links (lead) */
        delete: {
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
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contacts/{id}/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The person page (agents): contact details, notes, organization, active ticket counts, CC’d tickets
         * @description Their own tickets, a page at a time: GET /api/v1/tickets?requester={id}.
         */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the newest 25 tickets they are CC’d on */
                            ccTickets: {
                                number: number;
                                priority: string;
                                requester: {
                                    email: string;
                                    id: string;
                                    name: string | null;
                                };
                                status: string;
                                subject: string;
                                updatedAt: string;
                            }[];
                            contact: {
                                createdAt: string;
                                email: string;
                                id: string;
                                name: string | null;
                                notes: string | null;
                                /** @description manages the organization's named contacts in the portal (always a named contact itself) */
                                orgAdmin: boolean;
                                organizationId: string | null;
                                /** @description a named support contact may open tickets for the organization */
                                supportContact: boolean;
                                updatedAt: string;
                            };
                            organization: {
                                id: string;
                                name: string;
                                plan: string;
                                shareTickets: boolean;
                            } | null;
                            tickets: {
                                byStatus: {
                                    new: number;
                                    "on-hold": number;
                                    open: number;
                                    pending: number;
                                    watching: number;
                                };
                                /** @description waiting on us: new and open */
                                open: number;
                                /** @description waiting on the customer, someone else or a linked issue */
                                waiting: number;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/coverage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is at work in every 15 minutes from `from` to `to`, and the gaps against the coverage target */
        get: {
            parameters: {
                query: {
                    /** @description add to each slot the mean tickets arriving in that slot of the week over past weeks (recent weeks weigh more) */
                    arrivals?: boolean;
                    /** @description ISO 8601 instant */
                    from: string;
                    /** @description ISO 8601 instant; at most 62 days after from */
                    to: string;
                    /** @description weeks of arrivals to average; default 8 */
                    weeks?: number;
                    /** @description IANA zone the times are written in; default UTC */
                    zone?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            arrivalsFrom?: {
                                from: string;
                                halfLifeWeeks: number;
                                to: string;
                                weeks: number;
                            };
                            from: string;
                            gaps: {
                                end: string;
                                missing: number;
                                start: string;
                            }[];
                            /** @description the gaps with the same hours on several weekdays said once */
                            gapsInWords: {
                                days: string[];
                                /** @description HH:mm in zone; 00:00 is midnight */
                                end: string;
                                missing: number;
                                nobody: boolean;
                                /** @description HH:mm in zone */
                                start: string;
                                /** @description e.g. "Mon–Fri 22:00–00:00 UTC: nobody" */
                                text: string;
                            }[];
                            /** @description public holidays in the range of the countries of people on the roster */
                            holidays: {
                                country: string;
                                /** @description local date in that country */
                                date: string;
                                name: string;
                                people: {
                                    email: string;
                                    name: string;
                                }[];
                            }[];
                            slots: {
                                /** @description emails; see people for names */
                                agents: string[];
                                /** @description with arrivals=true: mean tickets arriving in this slot of the week */
                                arrivals?: number;
                                count: number;
                                end: string;
                                /** @description inside the coverage target’s hours */
                                inTarget: boolean;
                                people: {
                                    email: string;
                                    name: string;
                                }[];
                                start: string;
                            }[];
                            summary: {
                                gapMinutes: number;
                                slots: number;
                            };
                            target: {
                                holidays?: string | null;
                                /** @description weekly hours in the agent’s own zone; unlisted days are off */
                                hours: {
                                    [key: string]: string;
                                };
                                minAgents: number;
                                timeZone: string;
                            };
                            /** @description time off overlapping the range; local dates, inclusive */
                            timeOff: {
                                email: string;
                                from: string;
                                name: string;
                                to: string;
                            }[];
                            to: string;
                            zone: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/coverage/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The coverage target, and support hours when they differ from it */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            supportHours: {
                                holidays?: string | null;
                                /** @description weekly hours in the agent’s own zone; unlisted days are off */
                                hours: {
                                    [key: string]: string;
                                };
                                timeZone: string;
                            } | null;
                            target: {
                                holidays?: string | null;
                                /** @description weekly hours in the agent’s own zone; unlisted days are off */
                                hours: {
                                    [key: string]: string;
                                };
                                minAgents: number;
                                timeZone: string;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        /** Sets the coverage target and support hours (admin) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        supportHours: {
                            holidays?: string | null;
                            /** @description weekly hours in the agent’s own zone; unlisted days are off */
                            hours: {
                                [key: string]: string;
                            };
                            timeZone: string;
                        } | null;
                        target: {
                            holidays?: string | null;
                            /** @description weekly hours in the agent’s own zone; unlisted days are off */
                            hours: {
                                [key: string]: string;
                            };
                            minAgents: number;
                            timeZone: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            supportHours: {
                                holidays?: string | null;
                                /** @description weekly hours in the agent’s own zone; unlisted days are off */
                                hours: {
                                    [key: string]: string;
                                };
                                timeZone: string;
                            } | null;
                            target: {
                                holidays?: string | null;
                                /** @description weekly hours in the agent’s own zone; unlisted days are off */
                                hours: {
                                    [key: string]: string;
                                };
                                minAgents: number;
                                timeZone: string;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/csat/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A rating link: the solved ticket and its rating so far (no sign-in: the link is the key) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            comment: string | null;
                            /** @description whether it can be rated, or the rating changed, now */
                            open: boolean;
                            openUntil: string;
                            ratedAt: string | null;
                            rating: ("good" | "bad") | null;
                            solvedAt: string;
                            ticket: {
                                number: number;
                                subject: string;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Rates the solve a link names, good or bad, with a comment; changeable for 7 days (then 409 CSAT_CLOSED). A bad rating tells the leads. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description left out: the comment stays; empty: removed */
                        comment?: string;
                        rating: "good" | "bad";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            comment: string | null;
                            /** @description whether it can be rated, or the rating changed, now */
                            open: boolean;
                            openUntil: string;
                            ratedAt: string | null;
                            rating: ("good" | "bad") | null;
                            solvedAt: string;
                            ticket: {
                                number: number;
                                subject: string;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entitlement-links/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What a mailed entitlement link is about, and where its request stands (no sign-in: the link is the key) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            confirmedAt: string | null;
                            email: string;
                            linkExpiresAt: string;
                            organization: {
                                name: string;
                            };
                            state: "awaiting-confirmation" | "awaiting-approval" | "approved" | "declined" | "expired";
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Confirms the address with the mailed link (once, within 7 days) and asks the organization's admins to decide */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description for the admins: who they are, why they write */
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            confirmedAt: string | null;
                            email: string;
                            linkExpiresAt: string;
                            organization: {
                                name: string;
                            };
                            state: "awaiting-confirmation" | "awaiting-approval" | "approved" | "declined" | "expired";
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entitlement-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Requests to be entitled by an organization, newest first
         * @description Agents: every organization's, or one's (organizationId). An organization's admin contact: their own organization's only; other contacts get 403 ORG_ADMIN_REQUIRED.
         */
        get: {
            parameters: {
                query: {
                    limit: number;
                    organizationId?: string;
                    state?: ("awaiting-confirmation" | "awaiting-approval" | "approved" | "declined" | "expired")[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                confirmedAt: string | null;
                                contact: {
                                    email: string;
                                    id: string;
                                    name: string | null;
                                };
                                createdAt: string;
                                decidedAt: string | null;
                                decidedBy: string | null;
                                decisionNote: string | null;
                                id: string;
                                note: string | null;
                                organization: {
                                    id: string;
                                    name: string;
                                };
                                state: "awaiting-confirmation" | "awaiting-approval" | "approved" | "declined" | "expired";
                                /** @description the tickets their mail opened, held by the request */
                                ticketNumbers: number[];
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entitlement-requests/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approves a confirmed request: the person becomes a named support contact (409 NAMED_CONTACT_LIMIT when the plan is full) and their held tickets get their entitlement (a lead, or the organization's admin contact) */
        post: {
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
                    "application/json": {
                        /** @description mailed to the person */
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            confirmedAt: string | null;
                            contact: {
                                email: string;
                                id: string;
                                name: string | null;
                            };
                            createdAt: string;
                            decidedAt: string | null;
                            decidedBy: string | null;
                            decisionNote: string | null;
                            id: string;
                            note: string | null;
                            organization: {
                                id: string;
                                name: string;
                            };
                            state: "awaiting-confirmation" | "awaiting-approval" | "approved" | "declined" | "expired";
                            /** @description the tickets their mail opened, held by the request */
                            ticketNumbers: number[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entitlement-requests/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Declines a request; a person who confirmed their address is told by mail (a lead, or the organization's admin contact) */
        post: {
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
                    "application/json": {
                        /** @description mailed to the person */
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            confirmedAt: string | null;
                            contact: {
                                email: string;
                                id: string;
                                name: string | null;
                            };
                            createdAt: string;
                            decidedAt: string | null;
                            decidedBy: string | null;
                            decisionNote: string | null;
                            id: string;
                            note: string | null;
                            organization: {
                                id: string;
                                name: string;
                            };
                            state: "awaiting-confirmation" | "awaiting-approval" | "approved" | "declined" | "expired";
                            /** @description the tickets their mail opened, held by the request */
                            ticketNumbers: number[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fields": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Custom ticket fields
         * @description Agents see every definition; a contact sees the fields of their organization's plan that are not internal.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt?: string;
                                /** @description asked in the portal's new ticket form */
                                customerEditable: boolean;
                                description: string | null;
                                id?: string;
                                /** @description agents only: customers never see it or its values */
                                internal?: boolean;
                                key: string;
                                label: string;
                                options: string[];
                                /** @description organization plans it applies to; empty: all */
                                plans?: string[];
                                position?: number;
                                required: boolean;
                                /**
                                 * @description text, number, select (one option), multiselect (several), date (YYYY-MM-DD)
                                 * @enum {unknown}
                                 */
                                type: "text" | "number" | "select" | "multiselect" | "date";
                                updatedAt?: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Defines a custom ticket field (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        customerEditable?: boolean;
                        description?: string | null;
                        internal?: boolean;
                        /** @description lowercase name for the API and filters (field.<key>=…); cannot change */
                        key: string;
                        label: string;
                        options?: string[];
                        plans?: string[];
                        position?: number;
                        required?: boolean;
                        /**
                         * @description text, number, select (one option), multiselect (several), date (YYYY-MM-DD)
                         * @enum {unknown}
                         */
                        type: "text" | "number" | "select" | "multiselect" | "date";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt?: string;
                            /** @description asked in the portal's new ticket form */
                            customerEditable: boolean;
                            description: string | null;
                            id?: string;
                            /** @description agents only: customers never see it or its values */
                            internal?: boolean;
                            key: string;
                            label: string;
                            options: string[];
                            /** @description organization plans it applies to; empty: all */
                            plans?: string[];
                            position?: number;
                            required: boolean;
                            /**
                             * @description text, number, select (one option), multiselect (several), date (YYYY-MM-DD)
                             * @enum {unknown}
                             */
                            type: "text" | "number" | "select" | "multiselect" | "date";
                            updatedAt?: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fields/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes a field and every ticket's value of it (admin) */
        delete: {
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
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        /** Changes a field's definition (admin); options removed take their values with them */
        patch: {
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
                    "application/json": {
                        customerEditable?: boolean;
                        description?: string | null;
                        internal?: boolean;
                        label?: string;
                        options?: string[];
                        plans?: string[];
                        position?: number;
                        required?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt?: string;
                            /** @description asked in the portal's new ticket form */
                            customerEditable: boolean;
                            description: string | null;
                            id?: string;
                            /** @description agents only: customers never see it or its values */
                            internal?: boolean;
                            key: string;
                            label: string;
                            options: string[];
                            /** @description organization plans it applies to; empty: all */
                            plans?: string[];
                            position?: number;
                            required: boolean;
                            /**
                             * @description text, number, select (one option), multiselect (several), date (YYYY-MM-DD)
                             * @enum {unknown}
                             */
                            type: "text" | "number" | "select" | "multiselect" | "date";
                            updatedAt?: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/forges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                baseUrl: string;
                                createdAt: string;
                                id: string;
                                kind: string;
                                name: string;
                                /** @description the projects whose issues suggestions search */
                                searchProjects: string[];
                                /** @description point the forge’s webhook here, with the secret you gave */
                                webhookUrl: string;
                                writeBack: boolean;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Connects a GitLab or GitHub instance (admin); the token and webhook secret are stored encrypted */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description e.g. https://gitlab.com or https://github.com */
                        baseUrl: string;
                        /** @enum {unknown} */
                        kind: "gitlab" | "github";
                        name?: string;
                        /** @description the projects whose issues suggestions search: group/project on GitLab, owner/repo on GitHub */
                        searchProjects?: string[];
                        token: string;
                        webhookSecret: string;
                        /** @description put a label and the count of waiting tickets on linked issues */
                        writeBack?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            baseUrl: string;
                            createdAt: string;
                            id: string;
                            kind: string;
                            name: string;
                            /** @description the projects whose issues suggestions search */
                            searchProjects: string[];
                            /** @description point the forge’s webhook here, with the secret you gave */
                            webhookUrl: string;
                            writeBack: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/forges/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
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
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        /** Renames a forge, turns write-back on or off, or sets the projects suggestions search (admin) */
        patch: {
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
                    "application/json": {
                        name?: string;
                        /** @description the projects whose issues suggestions search: group/project on GitLab, owner/repo on GitHub */
                        searchProjects?: string[];
                        writeBack?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            baseUrl: string;
                            createdAt: string;
                            id: string;
                            kind: string;
                            name: string;
                            /** @description the projects whose issues suggestions search */
                            searchProjects: string[];
                            /** @description point the forge’s webhook here, with the secret you gave */
                            webhookUrl: string;
                            writeBack: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/forges/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The notices customers get when a linked issue moves (placeholders in braces) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        /** Edits notice templates (lead); null restores the default */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        "closed-without-fix"?: string | null;
                        linked?: string | null;
                        merged?: string | null;
                        released?: string | null;
                        reopened?: string | null;
                        scheduled?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/issues/demand": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Linked issues ranked by the customers waiting on them: open tickets, organizations, longest wait */
        get: {
            parameters: {
                query: {
                    limit: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                forgeName: string;
                                id: string;
                                oldestWaitSince: string;
                                openTickets: number;
                                organizations: number;
                                plans: string[];
                                status: string;
                                title: string;
                                url: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/issues/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Shows what an issue made from agent-written text would say, with addresses, hosts, IPs and secrets removed */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description: string;
                        /** Format: uuid */
                        forgeId: string;
                        title: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            description: string;
                            removed: {
                                count: number;
                                kind: string;
                            }[];
                            title: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Background jobs by state; dead ones failed every attempt and wait for a retry (admin) */
        get: {
            parameters: {
                query: {
                    limit: number;
                    state: "queued" | "running" | "done" | "dead";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attempts: number;
                                createdAt: string;
                                finishedAt: string | null;
                                id: number;
                                lastError: string | null;
                                maxAttempts: number;
                                name: string;
                                payload: unknown;
                                runAt: string;
                                state: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Gives a dead job a fresh set of attempts (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            queued: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/macros": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The shared macros and my own, most used first (agents) */
        get: {
            parameters: {
                query: {
                    limit: number;
                    /** @description words in the name */
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                actions: {
                                    addTags?: string[];
                                    assignee?: string | null;
                                    /** @description a public issue to link the ticket to (a connected forge) */
                                    linkIssueUrl?: string;
                                    /** @enum {unknown} */
                                    priority?: "low" | "normal" | "high" | "urgent";
                                    removeTags?: string[];
                                    /** @enum {unknown} */
                                    status?: "open" | "pending" | "on-hold" | "watching" | "solved" | "closed";
                                    team?: string | null;
                                };
                                /** @description Markdown with placeholders */
                                body: string;
                                createdAt: string;
                                /** @description whether the caller may change or delete it */
                                editable: boolean;
                                id: string;
                                /** @description the body is an internal note, not a public reply */
                                internal: boolean;
                                lastUsedAt: string | null;
                                name: string;
                                /** @description every agent has it; otherwise it is the caller’s own */
                                shared: boolean;
                                /** @description the actions in words */
                                summary: string[];
                                updatedAt: string;
                                usageCount: number;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /**
         * Creates a personal macro, or a shared one (lead or admin)
         * @description Unknown placeholders are refused (MACRO_PLACEHOLDER_UNKNOWN). Placeholders: {{requester.name}}, {{requester.first_name}}, {{requester.email}}, {{organization.name}}, {{ticket.number}}, {{ticket.subject}}, {{ticket.status}}, {{ticket.priority}}, {{agent.name}}, {{agent.first_name}}, {{issue.url}}, {{issue.title}}, {{issue.milestone}}; a value the ticket lacks is left empty.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        actions?: {
                            addTags?: string[];
                            assignee?: string | null;
                            /** @description a public issue to link the ticket to (a connected forge) */
                            linkIssueUrl?: string;
                            /** @enum {unknown} */
                            priority?: "low" | "normal" | "high" | "urgent";
                            removeTags?: string[];
                            /** @enum {unknown} */
                            status?: "open" | "pending" | "on-hold" | "watching" | "solved" | "closed";
                            team?: string | null;
                        };
                        /** @description Markdown; placeholders: {{requester.name}}, {{requester.first_name}}, {{requester.email}}, {{organization.name}}, {{ticket.number}}, {{ticket.subject}}, {{ticket.status}}, {{ticket.priority}}, {{agent.name}}, {{agent.first_name}}, {{issue.url}}, {{issue.title}}, {{issue.milestone}} */
                        body?: string;
                        /** @description the body is an internal note */
                        internal?: boolean;
                        name: string;
                        /** @description for every agent (lead or admin); default: personal */
                        shared?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: {
                                addTags?: string[];
                                assignee?: string | null;
                                /** @description a public issue to link the ticket to (a connected forge) */
                                linkIssueUrl?: string;
                                /** @enum {unknown} */
                                priority?: "low" | "normal" | "high" | "urgent";
                                removeTags?: string[];
                                /** @enum {unknown} */
                                status?: "open" | "pending" | "on-hold" | "watching" | "solved" | "closed";
                                team?: string | null;
                            };
                            /** @description Markdown with placeholders */
                            body: string;
                            createdAt: string;
                            /** @description whether the caller may change or delete it */
                            editable: boolean;
                            id: string;
                            /** @description the body is an internal note, not a public reply */
                            internal: boolean;
                            lastUsedAt: string | null;
                            name: string;
                            /** @description every agent has it; otherwise it is the caller’s own */
                            shared: boolean;
                            /** @description the actions in words */
                            summary: string[];
                            updatedAt: string;
                            usageCount: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/macros/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One macro */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: {
                                addTags?: string[];
                                assignee?: string | null;
                                /** @description a public issue to link the ticket to (a connected forge) */
                                linkIssueUrl?: string;
                                /** @enum {unknown} */
                                priority?: "low" | "normal" | "high" | "urgent";
                                removeTags?: string[];
                                /** @enum {unknown} */
                                status?: "open" | "pending" | "on-hold" | "watching" | "solved" | "closed";
                                team?: string | null;
                            };
                            /** @description Markdown with placeholders */
                            body: string;
                            createdAt: string;
                            /** @description whether the caller may change or delete it */
                            editable: boolean;
                            id: string;
                            /** @description the body is an internal note, not a public reply */
                            internal: boolean;
                            lastUsedAt: string | null;
                            name: string;
                            /** @description every agent has it; otherwise it is the caller’s own */
                            shared: boolean;
                            /** @description the actions in words */
                            summary: string[];
                            updatedAt: string;
                            usageCount: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        /** Deletes my macro, or a shared one (lead or admin) */
        delete: {
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
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        /** Changes my macro, or a shared one (lead or admin) */
        patch: {
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
                    "application/json": {
                        actions?: {
                            addTags?: string[];
                            assignee?: string | null;
                            /** @description a public issue to link the ticket to (a connected forge) */
                            linkIssueUrl?: string;
                            /** @enum {unknown} */
                            priority?: "low" | "normal" | "high" | "urgent";
                            removeTags?: string[];
                            /** @enum {unknown} */
                            status?: "open" | "pending" | "on-hold" | "watching" | "solved" | "closed";
                            team?: string | null;
                        };
                        /** @description Markdown; placeholders: {{requester.name}}, {{requester.first_name}}, {{requester.email}}, {{organization.name}}, {{ticket.number}}, {{ticket.subject}}, {{ticket.status}}, {{ticket.priority}}, {{agent.name}}, {{agent.first_name}}, {{issue.url}}, {{issue.title}}, {{issue.milestone}} */
                        body?: string;
                        /** @description the body is an internal note */
                        internal?: boolean;
                        name?: string;
                        /** @description for every agent (lead or admin); default: personal */
                        shared?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: {
                                addTags?: string[];
                                assignee?: string | null;
                                /** @description a public issue to link the ticket to (a connected forge) */
                                linkIssueUrl?: string;
                                /** @enum {unknown} */
                                priority?: "low" | "normal" | "high" | "urgent";
                                removeTags?: string[];
                                /** @enum {unknown} */
                                status?: "open" | "pending" | "on-hold" | "watching" | "solved" | "closed";
                                team?: string | null;
                            };
                            /** @description Markdown with placeholders */
                            body: string;
                            createdAt: string;
                            /** @description whether the caller may change or delete it */
                            editable: boolean;
                            id: string;
                            /** @description the body is an internal note, not a public reply */
                            internal: boolean;
                            lastUsedAt: string | null;
                            name: string;
                            /** @description every agent has it; otherwise it is the caller’s own */
                            shared: boolean;
                            /** @description the actions in words */
                            summary: string[];
                            updatedAt: string;
                            usageCount: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/macros/placeholders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The placeholders a macro body may use */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                description: string;
                                name: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mail/addresses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where mail reaches the desk and how it leaves (admin); set by SUPPORT_ADDRESS, SUPPORT_ADDRESSES, … */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description every address the desk takes mail for (+tags too) */
                            addresses: string[];
                            emergencyAddress: string | null;
                            outboundConfigured: boolean;
                            smtpListenerPort: number | null;
                            supportAddress: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mail/inbound": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Inbound mail, newest first, with how each was routed; state=quarantined lists what failed (admin) */
        get: {
            parameters: {
                query: {
                    /** @description id of the last item of the previous page */
                    before?: number;
                    limit: number;
                    state?: "received" | "processed" | "ignored" | "rejected" | "quarantined";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attempts: number;
                                envelopeFrom: string | null;
                                envelopeTo: string[];
                                id: number;
                                messageId: number | null;
                                processedAt: string | null;
                                /** @description how it was routed, or why not */
                                reason: string | null;
                                receivedAt: string;
                                rfcMessageId: string | null;
                                size: number;
                                source: string;
                                state: string;
                                ticketNumber: number | null;
                            }[];
                            nextBefore: number | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /**
         * Delivers one raw message (Content-Type: message/rfc822); 202 once it is stored (admin)
         * @description The raw bytes are committed before the answer; processing (threading, tickets) follows in the background. The same message delivered twice is stored once (duplicate: true).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            duplicate: boolean;
                            id: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mail/inbound/{id}/raw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The stored raw message, byte for byte (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mail/inbound/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Processes a quarantined, rejected or ignored message again (admin)
         * @description With acceptOnto, the message joins that ticket and its sender becomes a CC: for a reply from someone who is not a participant, which the desk does not thread by itself.
         */
        post: {
            parameters: {
                query?: {
                    /** @description a ticket number */
                    acceptOnto?: number;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            queued: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mail/mailboxes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** IMAP mailboxes, with when each was last read and its last error (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                afterStore: string;
                                enabled: boolean;
                                folder: string;
                                host: string;
                                id: string;
                                lastError: string | null;
                                lastPolledAt: string | null;
                                lastUid: number;
                                moveTo: string | null;
                                name: string;
                                port: number;
                                secure: boolean;
                                username: string;
                                watchedBy: string | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Adds an IMAP mailbox the desk reads mail from, after signing in to it once (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        afterStore?: "seen" | "move";
                        folder?: string;
                        host: string;
                        moveTo?: string;
                        name: string;
                        password: string;
                        port?: number;
                        /**
                         * @description TLS from the start (993); false: 143, STARTTLS when offered
                         * @default true
                         */
                        secure?: boolean;
                        username: string;
                        /** @default true */
                        verify?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            afterStore: string;
                            enabled: boolean;
                            folder: string;
                            host: string;
                            id: string;
                            lastError: string | null;
                            lastPolledAt: string | null;
                            lastUid: number;
                            moveTo: string | null;
                            name: string;
                            port: number;
                            secure: boolean;
                            username: string;
                            watchedBy: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                422: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mail/mailboxes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
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
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mail/mailboxes/{id}/poll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reads new mail from the mailbox now (admin) */
        post: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            duplicates: number;
                            skipped: string[];
                            stored: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                422: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mail/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Mail the desk sends: queued (waiting for a transport), sent, or failed with the reason (admin) */
        get: {
            parameters: {
                query: {
                    limit: number;
                    state?: "queued" | "sent" | "failed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attempts: number;
                                cc: string[];
                                createdAt: string;
                                id: string;
                                lastError: string | null;
                                /** @description queued mail: when the next try is due (after a failed one, the backoff shows here) */
                                nextAttemptAt: string | null;
                                purpose: string;
                                sentAt: string | null;
                                state: string;
                                subject: string;
                                ticketNumber: number | null;
                                to: string[];
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mail/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the desk can send mail (agents): while OUTBOUND_SMTP_URL is unset, replies wait in the outbox */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description false: no mail leaves the desk; replies, notices and sign-in links wait in the outbox */
                            outboundConfigured: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mail/suppressions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Addresses that bounced for good: no automatic mail goes there (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                address: string;
                                createdAt: string;
                                reason: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mail/suppressions/{address}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Clears a bounced address so automatic mail goes there again (admin) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    address: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your profile: name, email, role, time zone, working hours, two-factor, sign-in methods */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            id: string;
                            kind: "agent" | "contact";
                            name: string;
                            region?: string | null;
                            role?: "agent" | "lead" | "admin";
                            /** @description the agent’s full schedule (GET, PUT) */
                            schedule?: string;
                            signInMethods?: {
                                /** @description password sign-in is on here and the agent has a password */
                                password: boolean;
                                /** @description single sign-on is set up here */
                                sso: boolean;
                            };
                            timeZone?: string;
                            twoFactor?: {
                                enabled: boolean;
                                required: boolean;
                            };
                            workingHours?: {
                                [key: string]: string;
                            } | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Changes your name or time zone (an agent; role and email are an admin’s) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /** @description IANA, e.g. Europe/Lisbon */
                        timeZone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            id: string;
                            kind: "agent" | "contact";
                            name: string;
                            region?: string | null;
                            role?: "agent" | "lead" | "admin";
                            /** @description the agent’s full schedule (GET, PUT) */
                            schedule?: string;
                            signInMethods?: {
                                /** @description password sign-in is on here and the agent has a password */
                                password: boolean;
                                /** @description single sign-on is set up here */
                                sso: boolean;
                            };
                            timeZone?: string;
                            twoFactor?: {
                                enabled: boolean;
                                required: boolean;
                            };
                            workingHours?: {
                                [key: string]: string;
                            } | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/me/passkeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in agent’s passkeys */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                backedUp: boolean;
                                createdAt: string;
                                /** @description multiDevice: a synced passkey (a password manager, a phone’s cloud keychain) */
                                deviceType: "singleDevice" | "multiDevice";
                                id: string;
                                lastUsedAt: string | null;
                                name: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Adds the passkey the browser made for the attempt, with a name */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: uuid
                         * @description the ceremony the answer is for, from the options call: good once, for 5 minutes
                         */
                        attempt: string;
                        /** @description how the agent tells their passkeys apart */
                        name: string;
                        /** @description what navigator.credentials.create answered (startRegistration) */
                        response: {
                            authenticatorAttachment?: string;
                            clientExtensionResults: {
                                [key: string]: unknown;
                            };
                            id: string;
                            /** @description base64url */
                            rawId: string;
                            response: {
                                /** @description base64url */
                                attestationObject: string;
                                /** @description base64url */
                                authenticatorData?: string;
                                /** @description base64url */
                                clientDataJSON: string;
                                /** @description base64url */
                                publicKey?: string;
                                publicKeyAlgorithm?: number;
                                transports?: string[];
                            };
                            /** @enum {string} */
                            type: "public-key";
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            backedUp: boolean;
                            createdAt: string;
                            /** @description multiDevice: a synced passkey (a password manager, a phone’s cloud keychain) */
                            deviceType: "singleDevice" | "multiDevice";
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/passkeys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Removes one of the signed-in agent’s passkeys (current password or code)
         * @description Where the desk requires two-factor sign-in, an agent’s last second factor stays (409).
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description the current password, or a code from the authenticator app */
            requestBody: {
                content: {
                    "application/json": {
                        code?: string;
                        password?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        /** Renames one of the signed-in agent’s passkeys */
        patch: {
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
                    "application/json": {
                        /** @description how the agent tells their passkeys apart */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            backedUp: boolean;
                            createdAt: string;
                            /** @description multiDevice: a synced passkey (a password manager, a phone’s cloud keychain) */
                            deviceType: "singleDevice" | "multiDevice";
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/me/passkeys/registration-options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Starts adding a passkey: the current password or code, then options for the browser
         * @description Only with a session (not an API token). The answer’s options go to navigator.credentials.create; its attempt, with the browser’s answer, to POST /api/v1/me/passkeys within 5 minutes.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description the current password, or a code from the authenticator app */
            requestBody: {
                content: {
                    "application/json": {
                        code?: string;
                        password?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: uuid
                             * @description the ceremony the answer is for, from the options call: good once, for 5 minutes
                             */
                            attempt: string;
                            expiresAt: string;
                            /** @description options for @simplewebauthn/browser (optionsJSON) */
                            options: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Sets the signed-in agent’s password (at least 12 characters); ends their other sessions */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword?: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
                /** @description SIGN_IN_BUSY: too many password checks queued; try again after Retry-After seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, SCREAMING_SNAKE error code, e.g. TICKET_NOT_FOUND */
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your browser sessions, newest first, the one making the request marked */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                /** @description the session making this request */
                                current: boolean;
                                expiresAt: string;
                                /** @description the session’s public id (not its secret) */
                                id: string;
                                ip: string | null;
                                lastSeenAt: string | null;
                                userAgent: string | null;
                                via: "password" | "link" | "sso" | "passkey";
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        /** Ends every session of yours but this one */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Ends one of your sessions at once */
        delete: {
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
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your personal API tokens (not revoked); secrets are never shown */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                expiresAt: string | null;
                                id: string;
                                lastUsedAt: string | null;
                                name: string;
                                /** @description first characters of the secret, to tell tokens apart */
                                prefix: string;
                                /** @description read: GET only; write: everything you may do */
                                scope: "read" | "write";
                                /** @description the secret; returned only when the token is made */
                                token?: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /**
         * Makes a personal API token acting as you, with your role at each use
         * @description Made while signed in (not with a token). The secret is in the answer, once.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description days until it stops working (at most 365)
                         * @default 90
                         */
                        expiresInDays?: number;
                        name: string;
                        /** @description read: GET only; write: everything you may do */
                        scope: "read" | "write";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            expiresAt: string | null;
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                            /** @description first characters of the secret, to tell tokens apart */
                            prefix: string;
                            /** @description read: GET only; write: everything you may do */
                            scope: "read" | "write";
                            /** @description the secret; returned only when the token is made */
                            token?: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revokes one of your personal API tokens */
        delete: {
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
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the signed-in agent signs in with a second factor */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enabled: boolean;
                            enabledAt: string | null;
                            hasPassword: boolean;
                            /** @description a new authenticator waits for its first code */
                            pending: boolean;
                            recoveryCodesLeft: number;
                            /** @description the desk requires a second factor of every agent */
                            required: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /**
         * Starts setting up an authenticator app (or moving to a new one) for the signed-in agent
         * @description Returns the secret as an otpauth:// address, in base32 and as a QR code (SVG); the first code confirms it (POST /api/v1/me/totp/confirm). Moving to a new authenticator needs the current password or code.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description the current password, or a code from the current authenticator */
            requestBody: {
                content: {
                    "application/json": {
                        /** @description six digits from the authenticator app */
                        code?: string;
                        password?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the address as a QR code, an SVG document */
                            qrSvg: string;
                            /** @description base32, to type in by hand */
                            secret: string;
                            /** @description otpauth:// address */
                            uri: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        /**
         * Turns two-factor sign-in off for the signed-in agent (current password or code)
         * @description Refused (409 TWO_FACTOR_REQUIRED) where the desk requires it. A setup not yet confirmed is dropped.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description the current password, or a code from the current authenticator */
            requestBody: {
                content: {
                    "application/json": {
                        /** @description six digits from the authenticator app */
                        code?: string;
                        password?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/totp/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turns the new authenticator on with its first code; answers the recovery codes, once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description six digits from the authenticator app */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description shown only now; each works once */
                            recoveryCodes: string[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/totp/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** New recovery codes for a current code; the old ones stop working */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description six digits from the authenticator app */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description shown only now; each works once */
                            recoveryCodes: string[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Renders Markdown as a message would show it (safe HTML); agents */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                        /** @enum {unknown} */
                        format?: "markdown";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            html: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your notifications, newest first (agents) */
        get: {
            parameters: {
                query: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    limit: number;
                    /** @description only the unread ones */
                    unread?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                actor: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                excerpt: string;
                                id: number;
                                /**
                                 * @description assigned · customer-reply · mention (in an internal note) · sla (a warning at 80 % or a breach)
                                 * @enum {unknown}
                                 */
                                kind: "assigned" | "customer-reply" | "mention" | "sla" | "call" | "csat";
                                messageId: number | null;
                                readAt: string | null;
                                ticket: {
                                    number: number;
                                    status: string;
                                    subject: string;
                                };
                                title: string;
                            }[];
                            /** @description pass as cursor for the next page; null at the end */
                            nextCursor: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Marks one of your notifications read */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actor: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            excerpt: string;
                            id: number;
                            /**
                             * @description assigned · customer-reply · mention (in an internal note) · sla (a warning at 80 % or a breach)
                             * @enum {unknown}
                             */
                            kind: "assigned" | "customer-reply" | "mention" | "sla" | "call" | "csat";
                            messageId: number | null;
                            readAt: string | null;
                            ticket: {
                                number: number;
                                status: string;
                                subject: string;
                            };
                            title: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Which notifications you get in the app and by email, per kind
         * @description Defaults: everything in the app; by email when assigned, mentioned, and for SLA warnings and breaches; a customer’s reply not by email.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                email: boolean;
                                inApp: boolean;
                                /**
                                 * @description assigned · customer-reply · mention (in an internal note) · sla (a warning at 80 % or a breach)
                                 * @enum {unknown}
                                 */
                                kind: "assigned" | "customer-reply" | "mention" | "sla" | "call" | "csat";
                                label: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/preferences/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Sets whether you get one kind of notification in the app and by email */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description assigned · customer-reply · mention (in an internal note) · sla (a warning at 80 % or a breach) */
                    kind: "assigned" | "customer-reply" | "mention" | "sla" | "call" | "csat";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: boolean;
                        inApp: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: boolean;
                            inApp: boolean;
                            /**
                             * @description assigned · customer-reply · mention (in an internal note) · sla (a warning at 80 % or a breach)
                             * @enum {unknown}
                             */
                            kind: "assigned" | "customer-reply" | "mention" | "sla" | "call" | "csat";
                            label: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Marks all your notifications read (or those up to throughId, the newest you were shown) */
        post: {
            parameters: {
                query?: {
                    /** @description the newest notification you were shown */
                    throughId?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            marked: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/unread-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many of your notifications are unread, counted up to 100 */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            unread: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oncall": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The on-call rotation (24/7, apart from the roster) and who is on call now */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            members: {
                                email: string;
                                id: string;
                                name: string;
                            }[];
                            onCall: {
                                email: string;
                                id: string;
                                name: string;
                                until: string;
                            } | null;
                            shiftHours: number;
                            /** @description the shift on call now and the ones after it, one round of the rotation (at most 12) */
                            shifts: {
                                email: string;
                                from: string;
                                id: string;
                                name: string;
                                until: string;
                            }[];
                            startsAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        /** Sets the rotation: members in order, each on call for shiftHours from startsAt (lead) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        members: string[];
                        shiftHours: number;
                        /**
                         * Format: date-time
                         * @description when the first member’s shift starts
                         */
                        startsAt: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            members: {
                                email: string;
                                id: string;
                                name: string;
                            }[];
                            onCall: {
                                email: string;
                                id: string;
                                name: string;
                                until: string;
                            } | null;
                            shiftHours: number;
                            /** @description the shift on call now and the ones after it, one round of the rotation (at most 12) */
                            shifts: {
                                email: string;
                                from: string;
                                id: string;
                                name: string;
                                until: string;
                            }[];
                            startsAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists organizations by name */
        get: {
            parameters: {
                query: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    limit: number;
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                /** @description mail domains it owns: a stranger writing from one may ask its admins to be entitled */
                                emailDomains: string[];
                                id: string;
                                name: string;
                                plan: string;
                                preferredRegion?: string | null;
                                /** @description whether the organization's contacts see each other's tickets */
                                shareTickets: boolean;
                                updatedAt: string;
                            }[];
                            /** @description pass as cursor for the next page; null at the end */
                            nextCursor: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Creates an organization (lead) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description mail domains the organization owns, e.g. acme.example (free mail providers are refused) */
                        emailDomains?: string[];
                        name: string;
                        plan?: string;
                        preferredRegion?: string | null;
                        shareTickets?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            /** @description mail domains it owns: a stranger writing from one may ask its admins to be entitled */
                            emailDomains: string[];
                            id: string;
                            name: string;
                            plan: string;
                            preferredRegion?: string | null;
                            /** @description whether the organization's contacts see each other's tickets */
                            shareTickets: boolean;
                            updatedAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            /** @description mail domains it owns: a stranger writing from one may ask its admins to be entitled */
                            emailDomains: string[];
                            id: string;
                            name: string;
                            plan: string;
                            preferredRegion?: string | null;
                            /** @description whether the organization's contacts see each other's tickets */
                            shareTickets: boolean;
                            updatedAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Changes an organization (lead) */
        patch: {
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
                    "application/json": {
                        /** @description mail domains the organization owns, e.g. acme.example (free mail providers are refused) */
                        emailDomains?: string[];
                        name?: string;
                        notes?: string | null;
                        plan?: string;
                        preferredRegion?: string | null;
                        shareTickets?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            /** @description mail domains it owns: a stranger writing from one may ask its admins to be entitled */
                            emailDomains: string[];
                            id: string;
                            name: string;
                            plan: string;
                            preferredRegion?: string | null;
                            /** @description whether the organization's contacts see each other's tickets */
                            shareTickets: boolean;
                            updatedAt: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/organizations/{id}/named-contact-limit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Sets how many named support contacts the organization may have, over its plan’s (lead); null: the plan’s */
        put: {
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
                    "application/json": {
                        limit: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description named support contacts now */
                            count: number;
                            items: {
                                email: string;
                                id: string;
                                name: string | null;
                                orgAdmin: boolean;
                            }[];
                            /** @description how many it may have: its own limit when an agent set one, else its plan’s */
                            limit: number;
                            limitOverride: number | null;
                            organization: {
                                id: string;
                                name: string;
                                plan: string;
                            };
                            /** @description the plan’s limit (PLAN_CONTACT_LIMITS) */
                            planLimit: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/named-contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An organization’s named support contacts, its limit and its admins (agents) */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description named support contacts now */
                            count: number;
                            items: {
                                email: string;
                                id: string;
                                name: string | null;
                                orgAdmin: boolean;
                            }[];
                            /** @description how many it may have: its own limit when an agent set one, else its plan’s */
                            limit: number;
                            limitOverride: number | null;
                            organization: {
                                id: string;
                                name: string;
                                plan: string;
                            };
                            /** @description the plan’s limit (PLAN_CONTACT_LIMITS) */
                            planLimit: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        /**
         * Makes the named support contacts exactly the file’s (lead, or the organization’s sync token from a CI job)
         * @description The body is the contacts file as it is in the repository (Content-Type: application/yaml or text/yaml), or the same as JSON. Either a list of `- name: …, email: …` entries (the contacts.yaml of a GitLab contact management project), or `contacts:` with that list; `admin: true` makes an organization admin. At most 1000 entries and 256 kB. New contacts are named and get a welcome mail; those not in the file stay contacts (with their tickets) but are no longer named. Over the limit, or naming another organization’s contact, the whole file is refused; problems are listed by line. Sending it again changes nothing.
         */
        put: {
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
                    "application/json": {
                        /** @description true: an organization admin; false: not; absent: unchanged */
                        admin?: boolean;
                        email: string;
                        name?: string | null;
                    }[] | {
                        contacts: {
                            /** @description true: an organization admin; false: not; absent: unchanged */
                            admin?: boolean;
                            email: string;
                            name?: string | null;
                        }[];
                    };
                    "application/yaml": string;
                    "text/yaml": string;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description named now (each got a welcome mail) */
                            added: string[];
                            count: number;
                            limit: number;
                            /** @description no longer named; still contacts */
                            removed: string[];
                            unchanged: string[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/sso": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization’s own single sign-on for its contacts (admin); never the client secret */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clientId: string | null;
                            /** @description a client secret is stored (it is never shown) */
                            clientSecretSet: boolean;
                            configured: boolean;
                            issuer: string | null;
                            /** @description register this at the provider as the redirect URI */
                            redirectUri: string;
                            /** @description the organization’s contacts may not sign in by emailed link */
                            required: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        /** Sets the organization’s OpenID provider for its contacts (admin); 422 when discovery fails */
        put: {
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
                    "application/json": {
                        clientId: string;
                        /** @description write-only; left out, the stored one stays */
                        clientSecret?: string;
                        /** @description https; the provider’s issuer URL */
                        issuer: string;
                        /** @description no emailed sign-in links for its contacts */
                        required: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clientId: string | null;
                            /** @description a client secret is stored (it is never shown) */
                            clientSecretSet: boolean;
                            configured: boolean;
                            issuer: string | null;
                            /** @description register this at the provider as the redirect URI */
                            redirectUri: string;
                            /** @description the organization’s contacts may not sign in by emailed link */
                            required: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                422: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        post?: never;
        /** Removes the organization’s single sign-on: its contacts sign in by emailed link again (admin) */
        delete: {
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
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization page (agents): notes, active ticket counts, named support contacts, the issues it waits on */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contactCount: number;
                            organization: {
                                createdAt: string;
                                /** @description mail domains it owns: a stranger writing from one may ask its admins to be entitled */
                                emailDomains: string[];
                                id: string;
                                name: string;
                                notes: string | null;
                                plan: string;
                                preferredRegion?: string | null;
                                /** @description whether the organization's contacts see each other's tickets */
                                shareTickets: boolean;
                                updatedAt: string;
                            };
                            /** @description named support contacts (up to 100), by email */
                            supportContacts: {
                                email: string;
                                id: string;
                                name: string | null;
                            }[];
                            tickets: {
                                byStatus: {
                                    new: number;
                                    "on-hold": number;
                                    open: number;
                                    pending: number;
                                    watching: number;
                                };
                                /** @description waiting on us: new and open */
                                open: number;
                                /** @description waiting on the customer, someone else or a linked issue */
                                waiting: number;
                            };
                            /** @description public issues its active tickets wait on, most waited on first (up to 20) */
                            waitingOn: {
                                forge: {
                                    kind: string;
                                    name: string;
                                };
                                id: string;
                                kind: string;
                                milestone: string | null;
                                number: number;
                                project: string;
                                state: string;
                                status: string;
                                /** @description active tickets of the organization linked to it */
                                tickets: number;
                                title: string;
                                url: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/sync-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization’s named-contact sync tokens, which its admins made in the portal (agents) */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                expiresAt: string;
                                id: string;
                                lastUsedAt: string | null;
                                name: string;
                                prefix: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/sync-tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revokes one of the organization’s sync tokens (lead); it stops at once */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pages sent to the on-call rotation, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description only pages waiting for an acknowledgement */
                    open?: boolean;
                    ticket?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                acknowledgedAt: string | null;
                                agent: {
                                    email: string;
                                    name: string;
                                } | null;
                                escalatedAt: string | null;
                                id: string;
                                /** @description 0 for whoever was on call, 1 for the next person, … */
                                level: number;
                                pagedAt: string;
                                reason: string;
                                ticket: number;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pages/{id}/ack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledges a page: the escalation stops, and an unassigned ticket goes to whoever acknowledged */
        post: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acknowledgedAt: string | null;
                            agent: {
                                email: string;
                                name: string;
                            } | null;
                            escalatedAt: string | null;
                            id: string;
                            /** @description 0 for whoever was on call, 1 for the next person, … */
                            level: number;
                            pagedAt: string;
                            reason: string;
                            ticket: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/colleagues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's colleagues (their organization's other contacts), to copy onto tickets */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                email: string;
                                id: string;
                                name: string | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/named-contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization's named support contacts and its limit (the organization's admins) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description named support contacts now */
                            count: number;
                            items: {
                                email: string;
                                id: string;
                                name: string | null;
                                orgAdmin: boolean;
                            }[];
                            /** @description how many it may have: its own limit when an agent set one, else its plan’s */
                            limit: number;
                            limitOverride: number | null;
                            organization: {
                                id: string;
                                name: string;
                                plan: string;
                            };
                            /** @description the plan’s limit (PLAN_CONTACT_LIMITS) */
                            planLimit: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /**
         * An organization admin names a colleague a support contact, up to the limit; they get a welcome mail
         * @description NAMED_CONTACT_LIMIT at the limit; CONTACT_IN_OTHER_ORGANIZATION for another organization’s contact.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        name?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            id: string;
                            name: string | null;
                            orgAdmin: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/named-contacts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** An organization admin removes a named contact: they stay a contact, with their tickets */
        delete: {
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
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/sync-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization's named-contact sync tokens (the organization's admins) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                /** @description it stops working then; a CI job gets 401 TOKEN_EXPIRED */
                                expiresAt: string;
                                id: string;
                                lastUsedAt: string | null;
                                name: string;
                                /** @description first characters of the secret, to tell tokens apart */
                                prefix: string;
                                /** @description the secret; returned only when the token is made */
                                token?: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /**
         * An organization admin makes a sync token for a CI job; the secret is shown once
         * @description It can only PUT /api/v1/organizations/{id}/named-contacts, for this organization.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description default: a year, the most */
                        expiresInDays?: number;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            /** @description it stops working then; a CI job gets 401 TOKEN_EXPIRED */
                            expiresAt: string;
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                            /** @description first characters of the secret, to tell tokens apart */
                            prefix: string;
                            /** @description the secret; returned only when the token is made */
                            token?: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/sync-tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** An organization admin revokes a sync token; it stops at once */
        delete: {
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
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reports (lead): what each shows and how it can be grouped */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            defaultGroupBy: string;
                            description: string;
                            groupBy: string[];
                            report: string;
                            title: string;
                        }[];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/{report}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A report (lead) as JSON, or CSV with `Accept: text/csv` or format=csv
         * @description Facts are counted when they happened (a reply when sent, a solve when solved), under the priority, plan, region, organization, team and agent of that moment. Days and weeks (from Monday) are in `zone`; `to` as a day is included. Without a range: the last 12 weeks.
         */
        get: {
            parameters: {
                query?: {
                    format?: "json" | "csv";
                    /** @description YYYY-MM-DD or an instant; default the Monday 11 weeks ago */
                    from?: string;
                    /** @description one the report lists (GET /api/v1/reports); default its first */
                    groupBy?: "week" | "priority" | "plan" | "region" | "agent" | "organization" | "team" | "policy" | "day" | "hour-of-week" | "issue" | "forge";
                    organization?: string;
                    plan?: string;
                    team?: string;
                    /** @description YYYY-MM-DD (included) or an instant; default now */
                    to?: string;
                    /** @description IANA zone; default UTC */
                    zone?: string;
                };
                header?: never;
                path: {
                    report: "first-reply" | "next-reply" | "resolution" | "sla-attainment" | "backlog" | "load" | "arrivals" | "pipe-fitter";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The report: JSON, or CSV (the group, then the columns’ labels) when asked for */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the values of each row, in display order */
                            columns: {
                                /** @description the key of the value in each row */
                                key: string;
                                /** @description ratio: a fraction (0.934; the CSAT score is in percent); count: a number, or a rate */
                                kind: "text" | "count" | "minutes" | "hours" | "ratio" | "date";
                                label: string;
                            }[];
                            from: string;
                            groupBy: string;
                            report: string;
                            rows: ({
                                /** @description a stable key: the day or week’s Monday (YYYY-MM-DD), a priority, an id… */
                                group: string;
                                /** @description for people: a name, "Week of 30 Nov 2026"… */
                                label: string;
                            } & {
                                [key: string]: number | string | null;
                            })[];
                            title: string;
                            to: string;
                            zone: string;
                        };
                        "text/csv": string;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/csat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * CSAT per agent, team, organization or week (lead); `Accept: text/csv` (or format=csv) for CSV
         * @description Ratings are counted in the range they were first given in, as they stand now, for whose the solve was (the assignee, team and organization when the ticket was solved). Days are in `zone`; `to` as a day is included.
         */
        get: {
            parameters: {
                query?: {
                    format?: "json" | "csv";
                    /** @description YYYY-MM-DD or an instant; default 30 days ago */
                    from?: string;
                    groupBy?: "agent" | "team" | "organization" | "week";
                    organization?: string;
                    team?: string;
                    /** @description YYYY-MM-DD (included) or an instant; default now */
                    to?: string;
                    /** @description IANA zone; default UTC */
                    zone?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The report: JSON, or CSV (key,label,good,bad,score) when asked for */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            columns: {
                                /** @description the key of the value in each row */
                                key: string;
                                /** @description ratio: a fraction (0.934; the CSAT score is in percent); count: a number, or a rate */
                                kind: "text" | "count" | "minutes" | "hours" | "ratio" | "date";
                                label: string;
                            }[];
                            from: string;
                            groupBy: string;
                            /** @enum {string} */
                            report: "csat";
                            rows: {
                                bad: number;
                                good: number;
                                /** @description the same as key: the shape every report has */
                                group: string;
                                key: string;
                                label: string;
                                score: number | null;
                            }[];
                            title: string;
                            to: string;
                            zone: string;
                        };
                        "text/csv": string;
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/weekly-summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the caller (a lead) gets the weekly summary by mail */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            lastWeek: string | null;
                            subscribed: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        /** Ask for the weekly summary by mail, Monday 08:00 in your zone, or stop it (lead) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        subscribed: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            lastWeek: string | null;
                            subscribed: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roster": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Imports a roster (lead): JSON {agents:[…]}, or a YAML or CSV file; all or nothing
         * @description Agents are matched by email. A lead sets existing agents’ schedules (zone, region, country, hours, skills, time off); adding agents, changing names of others or roles needs an admin. Problems come back as ROSTER_INVALID with details.problems: [{entry, line?, message}].
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": unknown;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agents: string[];
                            created: number;
                            updated: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Finds tickets: by number, person, organization, linked issue, and ranked full text
         * @description What a person means first: `#253` or `253` (that ticket), an email (tickets that address requested or is CC’d on), a person’s or organization’s name (their tickets), an issue URL, `#7`, `!7` or `project#7` (tickets linked to it); then ranked full text over subjects and messages (web-search syntax: words, "a phrase", -excluded, or). The list filters narrow all of it; the cursor pages through. Customers find only what they may open.
         */
        get: {
            parameters: {
                query: {
                    /** @description me, none, on-shift (whoever is at work now), an agent id or email */
                    assignee?: string;
                    /** @description created on or after: a date (UTC) or instant */
                    createdFrom?: string;
                    /** @description created before this instant, or on or before this date */
                    createdTo?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    limit: number;
                    /** @description an organization id or name */
                    organization?: string;
                    /** @description one or more priorities, comma-separated */
                    priority?: string;
                    q: string;
                    /** @description a contact id or email */
                    requester?: string;
                    /** @description one or more statuses, comma-separated */
                    status?: string;
                    /** @description tickets with all these tags, comma-separated */
                    tag?: string;
                    /** @description none, a team id or name */
                    team?: string;
                    /** @description updated on or after: a date (UTC) or instant */
                    updatedFrom?: string;
                    /** @description updated before this instant, or on or before this date */
                    updatedTo?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                highlights: {
                                    message: string | null;
                                    messageId: number | null;
                                    /** @description escaped HTML with <mark> around matches */
                                    subject: string;
                                };
                                match: {
                                    /** @enum {unknown} */
                                    kind: "number" | "requester" | "cc" | "organization" | "link" | "text";
                                    label: string | null;
                                };
                                rank: number | null;
                                ticket: {
                                    assignee: {
                                        email?: string;
                                        id?: string;
                                        name: string;
                                    } | null;
                                    /** @description false opts out of the pending reminder, auto-solve and auto-close */
                                    autoClose?: boolean;
                                    ccs?: {
                                        email: string;
                                        id: string;
                                        name: string | null;
                                    }[];
                                    channel: string;
                                    closedAt: string | null;
                                    createdAt: string;
                                    /** @description agents: what the customer sees as the last update (customers see it as updatedAt) */
                                    customerUpdatedAt?: string;
                                    followUpOf: number | null;
                                    /** @description true: when the assignee’s day ends, handover moves the ticket to someone on shift (routed tickets, or the assignee opted in); false: pinned, it stays with its assignee (assigned by hand) */
                                    handOver?: boolean;
                                    /** @description handovers between regions since the last public reply */
                                    handovers?: number;
                                    /** @description same as number */
                                    id?: number;
                                    lookAgainAt?: string | null;
                                    mergedInto?: number | null;
                                    number: number;
                                    organization: {
                                        id: string;
                                        name: string;
                                    } | null;
                                    /** @enum {unknown} */
                                    priority: "low" | "normal" | "high" | "urgent";
                                    region?: string | null;
                                    requester: {
                                        email: string;
                                        id: string;
                                        name: string | null;
                                    } | null;
                                    severity?: number | null;
                                    slaDueAt?: string | null;
                                    solvedAt: string | null;
                                    /** @enum {unknown} */
                                    status: "new" | "open" | "pending" | "on-hold" | "watching" | "solved" | "closed";
                                    statusChangedAt?: string;
                                    subject: string;
                                    tags?: string[];
                                    team?: {
                                        id: string;
                                        name: string;
                                    } | null;
                                    updatedAt: string;
                                    waitingForShiftUntil?: string | null;
                                };
                            }[];
                            /** @description pass as cursor for the next page; null at the end */
                            nextCursor: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/security": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The desk’s sign-in security settings (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description agents must sign in with a second factor */
                            twoFactorRequired: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        /**
         * Sets the desk’s sign-in security settings (admin)
         * @description With twoFactorRequired, an agent without an authenticator can reach only their own settings until they set one up.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description agents must sign in with a second factor */
                        twoFactorRequired: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description agents must sign in with a second factor */
                            twoFactorRequired: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/severities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The severities a customer chooses from when opening a ticket, with their definitions
         * @description Agents also see the priority each one gives the ticket.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                definition: string;
                                level: 1 | 2 | 3 | 4;
                                name: string;
                                /** @enum {unknown} */
                                priority?: "low" | "normal" | "high" | "urgent";
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        /** Sets the severities and the priority each maps to (admin) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        items: {
                            definition: string;
                            level: 1 | 2 | 3 | 4;
                            name: string;
                            /** @enum {unknown} */
                            priority: "low" | "normal" | "high" | "urgent";
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                definition: string;
                                level: 1 | 2 | 3 | 4;
                                name: string;
                                /** @enum {unknown} */
                                priority?: "low" | "normal" | "high" | "urgent";
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sla/breaches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Breaches recorded since `since` (default: 30 days), newest first */
        get: {
            parameters: {
                query: {
                    limit: number;
                    since?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                at: string;
                                detail: string;
                                dueAt: string | null;
                                metric: string;
                                ticket: number;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sla/next": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tickets whose SLA breaches next, soonest (or most overdue) first */
        get: {
            parameters: {
                query: {
                    limit: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                assignee: {
                                    email?: string;
                                    id?: string;
                                    name: string;
                                } | null;
                                /** @description false opts out of the pending reminder, auto-solve and auto-close */
                                autoClose?: boolean;
                                ccs?: {
                                    email: string;
                                    id: string;
                                    name: string | null;
                                }[];
                                channel: string;
                                closedAt: string | null;
                                createdAt: string;
                                /** @description agents: what the customer sees as the last update (customers see it as updatedAt) */
                                customerUpdatedAt?: string;
                                followUpOf: number | null;
                                /** @description true: when the assignee’s day ends, handover moves the ticket to someone on shift (routed tickets, or the assignee opted in); false: pinned, it stays with its assignee (assigned by hand) */
                                handOver?: boolean;
                                /** @description handovers between regions since the last public reply */
                                handovers?: number;
                                /** @description same as number */
                                id?: number;
                                lookAgainAt?: string | null;
                                mergedInto?: number | null;
                                number: number;
                                organization: {
                                    id: string;
                                    name: string;
                                } | null;
                                /** @enum {unknown} */
                                priority: "low" | "normal" | "high" | "urgent";
                                region?: string | null;
                                requester: {
                                    email: string;
                                    id: string;
                                    name: string | null;
                                } | null;
                                severity?: number | null;
                                slaDueAt?: string | null;
                                solvedAt: string | null;
                                /** @enum {unknown} */
                                status: "new" | "open" | "pending" | "on-hold" | "watching" | "solved" | "closed";
                                statusChangedAt?: string;
                                subject: string;
                                tags?: string[];
                                team?: {
                                    id: string;
                                    name: string;
                                } | null;
                                updatedAt: string;
                                waitingForShiftUntil?: string | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sla/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SLA policies */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                businessHours: boolean;
                                firstReplyMinutes: number | null;
                                id: string;
                                name: string;
                                nextReplyMinutes: number | null;
                                pauseOnHold: boolean;
                                periodicUpdateMinutes: number | null;
                                plan: string | null;
                                priority: string | null;
                                resolutionMinutes: number | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        /** Replaces the SLA policies (admin); the most specific (priority and plan) matches a ticket */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        items: {
                            /** @description count in support hours (default) or calendar hours */
                            businessHours?: boolean;
                            firstReplyMinutes?: number | null;
                            name: string;
                            nextReplyMinutes?: number | null;
                            /** @description on-hold pauses the clocks as pending and watching do */
                            pauseOnHold?: boolean;
                            periodicUpdateMinutes?: number | null;
                            plan?: string | null;
                            priority?: ("low" | "normal" | "high" | "urgent") | null;
                            resolutionMinutes?: number | null;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                businessHours: boolean;
                                firstReplyMinutes: number | null;
                                id: string;
                                name: string;
                                nextReplyMinutes: number | null;
                                pauseOnHold: boolean;
                                periodicUpdateMinutes: number | null;
                                plan: string | null;
                                priority: string | null;
                                resolutionMinutes: number | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staffing/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The staffing model’s assumptions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            calls: {
                                answerMinutes: number;
                                handleMinutes: number;
                                serviceLevel: number;
                            };
                            firstReplyMinutes: number | null;
                            halfLifeWeeks: number;
                            handleMinutes: number;
                            occupancy: number;
                            shrinkage: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        /** Sets the staffing model’s assumptions (lead) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        calls: {
                            answerMinutes: number;
                            handleMinutes: number;
                            serviceLevel: number;
                        };
                        firstReplyMinutes: number | null;
                        halfLifeWeeks: number;
                        handleMinutes: number;
                        occupancy: number;
                        shrinkage: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            calls: {
                                answerMinutes: number;
                                handleMinutes: number;
                                serviceLevel: number;
                            };
                            firstReplyMinutes: number | null;
                            halfLifeWeeks: number;
                            handleMinutes: number;
                            occupancy: number;
                            shrinkage: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staffing/what-if": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The roster with engineers added, removed or moved (lead): heads, gaps and first replies in time, before and after */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        add?: {
                            country?: string | null;
                            email?: string;
                            /** @description "07:00-15:00" on the days they work now (Mon–Fri for someone new), or hours per day */
                            hours?: string | {
                                [key: string]: string;
                            };
                            name?: string;
                            region?: string | null;
                            timeZone: string;
                        }[];
                        change?: {
                            country?: string | null;
                            email: string;
                            /** @description "07:00-15:00" on the days they work now (Mon–Fri for someone new), or hours per day */
                            hours?: string | {
                                [key: string]: string;
                            };
                            timeZone?: string;
                        }[];
                        remove?: string[];
                        settings?: {
                            firstReplyMinutes?: number | null;
                            handleMinutes?: number;
                            occupancy?: number;
                            shrinkage?: number;
                        };
                        /**
                         * @description simulate over the arrivals of the last this many weeks (recent weeks weigh more)
                         * @default 8
                         */
                        weeks?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            after: {
                                /** @description tickets waiting at the end of the slot; 672 slots of 15 min from Monday 00:00 UTC */
                                backlogPerSlot: number[];
                                callAttainment?: number;
                                /** @description person-hours missing against the coverage target in the coming week */
                                gapHours: number;
                                gaps: {
                                    end: string;
                                    missing: number;
                                    start: string;
                                }[];
                                /** @description slots (0–671) where tickets wait and nobody is at work */
                                gapSlots: number[];
                                /** @description engineers at work (a weighted mean over the weeks); 672 slots of 15 min from Monday 00:00 UTC */
                                headsPerSlot: number[];
                                /** @description tickets arriving in the slot that miss the first-reply target; 672 slots of 15 min from Monday 00:00 UTC */
                                missedPerSlot: number[];
                                /** @description share of first replies in time in the simulated typical week */
                                slaAttainment: number;
                            };
                            /** @description tickets arriving (weighted mean); 672 slots of 15 min from Monday 00:00 UTC */
                            arrivalsPerSlot: number[];
                            assumptions: {
                                /** @description "call me now" calls in a typical week (Erlang C) */
                                callsPerWeek: number;
                                /** @description settings, policy (a normal ticket without a plan) or default (4 h) */
                                firstReplyFrom: string;
                                firstReplyInSupportHours: boolean;
                                firstReplyMinutes: number;
                                halfLifeWeeks: number;
                                handleMinutes: number;
                                occupancy: number;
                                shrinkage: number;
                                /** @description tickets in a typical week, from the weighted weeks */
                                ticketsPerWeek: number;
                            };
                            before: {
                                /** @description tickets waiting at the end of the slot; 672 slots of 15 min from Monday 00:00 UTC */
                                backlogPerSlot: number[];
                                callAttainment?: number;
                                /** @description person-hours missing against the coverage target in the coming week */
                                gapHours: number;
                                gaps: {
                                    end: string;
                                    missing: number;
                                    start: string;
                                }[];
                                /** @description slots (0–671) where tickets wait and nobody is at work */
                                gapSlots: number[];
                                /** @description engineers at work (a weighted mean over the weeks); 672 slots of 15 min from Monday 00:00 UTC */
                                headsPerSlot: number[];
                                /** @description tickets arriving in the slot that miss the first-reply target; 672 slots of 15 min from Monday 00:00 UTC */
                                missedPerSlot: number[];
                                /** @description share of first replies in time in the simulated typical week */
                                slaAttainment: number;
                            };
                            /** @description start of the simulated weeks */
                            from: string;
                            next: {
                                end: string;
                                start: string;
                            };
                            /** @description end of the simulated weeks: now, to the quarter hour */
                            to: string;
                            weeks: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staffing/where-to-hire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where one more engineer helps most (lead): candidate zones ranked by first replies in time, then gap hours closed */
        get: {
            parameters: {
                query: {
                    /** @description local hours, e.g. 09:00-17:00 */
                    hours?: string;
                    /** @description simulate over the arrivals of the last this many weeks (recent weeks weigh more) */
                    weeks: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assumptions: {
                                /** @description "call me now" calls in a typical week (Erlang C) */
                                callsPerWeek: number;
                                /** @description settings, policy (a normal ticket without a plan) or default (4 h) */
                                firstReplyFrom: string;
                                firstReplyInSupportHours: boolean;
                                firstReplyMinutes: number;
                                halfLifeWeeks: number;
                                handleMinutes: number;
                                occupancy: number;
                                shrinkage: number;
                                /** @description tickets in a typical week, from the weighted weeks */
                                ticketsPerWeek: number;
                            };
                            /** @description best first */
                            candidates: {
                                /** @description the coming week’s gap slots they cover */
                                closes: {
                                    end: string;
                                    start: string;
                                }[];
                                /** @description whose public holidays the candidate keeps */
                                country: string;
                                /** @description the candidate as an `add` entry for what-if */
                                entry: {
                                    country: string;
                                    hours: {
                                        [key: string]: string;
                                    };
                                    region: string;
                                    timeZone: string;
                                };
                                /** @description person-hours of the coming week’s gaps they close */
                                gapHoursClosed: number;
                                /** @description local hours, Monday to Friday */
                                hours: string;
                                region: string;
                                slaAttainmentAfter: number;
                                slaAttainmentBefore: number;
                                zone: string;
                            }[];
                            /** @description start of the simulated weeks */
                            from: string;
                            gapHoursNow: number;
                            /** @description the coming week’s gaps against the coverage target */
                            gapsNow: {
                                end: string;
                                missing: number;
                                start: string;
                            }[];
                            next: {
                                end: string;
                                start: string;
                            };
                            slaAttainmentNow: number;
                            /** @description end of the simulated weeks: now, to the quarter hour */
                            to: string;
                            weeks: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-sent events: listening from now on (ready), a ticket changed (ticket), someone is replying (presence), you have a new notification (notification)
         * @description text/event-stream. Each event names the ticket; the client fetches what it shows. Contacts hear only the tickets they may see. The stream ends when its session or token does; at most 5 open streams per person (429 TOO_MANY_STREAMS).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                id: string;
                                members: {
                                    email: string;
                                    id: string;
                                    name: string;
                                }[];
                                name: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Creates a team (lead) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        memberIds?: string[];
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            members: {
                                email: string;
                                id: string;
                                name: string;
                            }[];
                            name: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replaces a team's members (lead) */
        put: {
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
                    "application/json": {
                        memberIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            members: {
                                email: string;
                                id: string;
                                name: string;
                            }[];
                            name: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Lists tickets, newest activity first by default, a page at a time
         * @description Custom fields filter as field.<key>=value (a select field takes several values, comma-separated: any of them); GET /api/v1/fields lists the keys.
         */
        get: {
            parameters: {
                query: {
                    /** @description me, none, on-shift (whoever is at work now), an agent id or email */
                    assignee?: string;
                    /** @description created on or after: a date (UTC) or instant */
                    createdFrom?: string;
                    /** @description created before this instant, or on or before this date */
                    createdTo?: string;
                    cursor?: string;
                    limit: number;
                    /** @description an organization id or name */
                    organization?: string;
                    /** @description one or more priorities, comma-separated */
                    priority?: string;
                    /** @description words in the subject, or a ticket number */
                    q?: string;
                    /** @description a contact id or email */
                    requester?: string;
                    sort: "updated" | "-updated" | "created" | "-created" | "number" | "-number" | "priority" | "-priority";
                    /** @description one or more statuses, comma-separated */
                    status?: string;
                    /** @description tickets with all these tags, comma-separated */
                    tag?: string;
                    /** @description none, a team id or name */
                    team?: string;
                    /** @description updated on or after: a date (UTC) or instant */
                    updatedFrom?: string;
                    /** @description updated before this instant, or on or before this date */
                    updatedTo?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                assignee: {
                                    email?: string;
                                    id?: string;
                                    name: string;
                                } | null;
                                /** @description false opts out of the pending reminder, auto-solve and auto-close */
                                autoClose?: boolean;
                                ccs?: {
                                    email: string;
                                    id: string;
                                    name: string | null;
                                }[];
                                channel: string;
                                closedAt: string | null;
                                createdAt: string;
                                /** @description agents: what the customer sees as the last update (customers see it as updatedAt) */
                                customerUpdatedAt?: string;
                                followUpOf: number | null;
                                /** @description true: when the assignee’s day ends, handover moves the ticket to someone on shift (routed tickets, or the assignee opted in); false: pinned, it stays with its assignee (assigned by hand) */
                                handOver?: boolean;
                                /** @description handovers between regions since the last public reply */
                                handovers?: number;
                                /** @description same as number */
                                id?: number;
                                lookAgainAt?: string | null;
                                mergedInto?: number | null;
                                number: number;
                                organization: {
                                    id: string;
                                    name: string;
                                } | null;
                                /** @enum {unknown} */
                                priority: "low" | "normal" | "high" | "urgent";
                                region?: string | null;
                                requester: {
                                    email: string;
                                    id: string;
                                    name: string | null;
                                } | null;
                                severity?: number | null;
                                slaDueAt?: string | null;
                                solvedAt: string | null;
                                /** @enum {unknown} */
                                status: "new" | "open" | "pending" | "on-hold" | "watching" | "solved" | "closed";
                                statusChangedAt?: string;
                                subject: string;
                                tags?: string[];
                                team?: {
                                    id: string;
                                    name: string;
                                } | null;
                                updatedAt: string;
                                waitingForShiftUntil?: string | null;
                            }[];
                            /** @description pass as cursor for the next page; null at the end */
                            nextCursor: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /**
         * Opens a ticket with its first message
         * @description With a contact token the contact is the requester; an agent names the requester with requesterEmail (created when new, with requesterName) and the first message is mailed to them and the CCs, unless it is an internal note (firstMessageInternal) or notify is false.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        assignee?: string | null;
                        attachments?: {
                            /**
                             * Format: byte
                             * @description base64
                             */
                            content: string;
                            contentId?: string;
                            contentType?: string;
                            filename: string;
                        }[];
                        body: string;
                        ccEmails?: string[];
                        /** @enum {unknown} */
                        channel?: "web" | "email" | "phone" | "api" | "chat";
                        /** @description custom field values by key, e.g. {"deployment": "self-managed", "version": "17.2"} */
                        fields?: {
                            [key: string]: (string | number | string[]) | null;
                        };
                        /** @description agents: the first message is an internal note (e.g. what was said on a call), mailed to nobody */
                        firstMessageInternal?: boolean;
                        /**
                         * @description markdown: the body is Markdown (code fences, lists, links, quotes), rendered to safe HTML
                         * @default text
                         * @enum {unknown}
                         */
                        format?: "text" | "markdown";
                        html?: string;
                        /** @description agents: a public first message is mailed to the requester and CCs; false records it without mailing (imports) */
                        notify?: boolean;
                        /** @enum {unknown} */
                        priority?: "low" | "normal" | "high" | "urgent";
                        region?: string | null;
                        /** Format: email */
                        requesterEmail?: string;
                        requesterName?: string;
                        /** @description how bad it is (GET /api/v1/severities has the definitions); sets the priority by the desk table */
                        severity?: number;
                        /** @enum {unknown} */
                        status?: "new" | "open" | "pending" | "on-hold" | "watching" | "solved" | "closed";
                        subject: string;
                        tags?: string[];
                        team?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignee: {
                                email?: string;
                                id?: string;
                                name: string;
                            } | null;
                            /** @description false opts out of the pending reminder, auto-solve and auto-close */
                            autoClose?: boolean;
                            ccs?: {
                                email: string;
                                id: string;
                                name: string | null;
                            }[];
                            channel: string;
                            closedAt: string | null;
                            createdAt: string;
                            /** @description agents: what the customer sees as the last update (customers see it as updatedAt) */
                            customerUpdatedAt?: string;
                            followUpOf: number | null;
                            /** @description true: when the assignee’s day ends, handover moves the ticket to someone on shift (routed tickets, or the assignee opted in); false: pinned, it stays with its assignee (assigned by hand) */
                            handOver?: boolean;
                            /** @description handovers between regions since the last public reply */
                            handovers?: number;
                            /** @description same as number */
                            id?: number;
                            lookAgainAt?: string | null;
                            mergedInto?: number | null;
                            number: number;
                            organization: {
                                id: string;
                                name: string;
                            } | null;
                            /** @enum {unknown} */
                            priority: "low" | "normal" | "high" | "urgent";
                            region?: string | null;
                            requester: {
                                email: string;
                                id: string;
                                name: string | null;
                            } | null;
                            severity?: number | null;
                            slaDueAt?: string | null;
                            solvedAt: string | null;
                            /** @enum {unknown} */
                            status: "new" | "open" | "pending" | "on-hold" | "watching" | "solved" | "closed";
                            statusChangedAt?: string;
                            subject: string;
                            tags?: string[];
                            team?: {
                                id: string;
                                name: string;
                            } | null;
                            updatedAt: string;
                            waitingForShiftUntil?: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignee: {
                                email?: string;
                                id?: string;
                                name: string;
                            } | null;
                            /** @description false opts out of the pending reminder, auto-solve and auto-close */
                            autoClose?: boolean;
                            ccs?: {
                                email: string;
                                id: string;
                                name: string | null;
                            }[];
                            channel: string;
                            closedAt: string | null;
                            createdAt: string;
                            /** @description agents: what the customer sees as the last update (customers see it as updatedAt) */
                            customerUpdatedAt?: string;
                            followUpOf: number | null;
                            /** @description true: when the assignee’s day ends, handover moves the ticket to someone on shift (routed tickets, or the assignee opted in); false: pinned, it stays with its assignee (assigned by hand) */
                            handOver?: boolean;
                            /** @description handovers between regions since the last public reply */
                            handovers?: number;
                            /** @description same as number */
                            id?: number;
                            lookAgainAt?: string | null;
                            mergedInto?: number | null;
                            number: number;
                            organization: {
                                id: string;
                                name: string;
                            } | null;
                            /** @enum {unknown} */
                            priority: "low" | "normal" | "high" | "urgent";
                            region?: string | null;
                            requester: {
                                email: string;
                                id: string;
                                name: string | null;
                            } | null;
                            severity?: number | null;
                            slaDueAt?: string | null;
                            solvedAt: string | null;
                            /** @enum {unknown} */
                            status: "new" | "open" | "pending" | "on-hold" | "watching" | "solved" | "closed";
                            statusChangedAt?: string;
                            subject: string;
                            tags?: string[];
                            team?: {
                                id: string;
                                name: string;
                            } | null;
                            updatedAt: string;
                            waitingForShiftUntil?: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Changes status, priority, assignee, team, tags, CCs… */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        assignee?: string | null;
                        autoClose?: boolean;
                        /** @description replaces the CC list */
                        ccEmails?: string[];
                        /** @description hand over when my day ends: true lets handover move it; false pins it to its assignee. Assigning by hand sets it to the assignee’s default (false unless they opted in) */
                        handOver?: boolean;
                        lookAgainAt?: string | null;
                        /** @enum {unknown} */
                        priority?: "low" | "normal" | "high" | "urgent";
                        region?: string | null;
                        /** @enum {unknown} */
                        status?: "new" | "open" | "pending" | "on-hold" | "watching" | "solved" | "closed";
                        subject?: string;
                        tags?: string[];
                        team?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignee: {
                                email?: string;
                                id?: string;
                                name: string;
                            } | null;
                            /** @description false opts out of the pending reminder, auto-solve and auto-close */
                            autoClose?: boolean;
                            ccs?: {
                                email: string;
                                id: string;
                                name: string | null;
                            }[];
                            channel: string;
                            closedAt: string | null;
                            createdAt: string;
                            /** @description agents: what the customer sees as the last update (customers see it as updatedAt) */
                            customerUpdatedAt?: string;
                            followUpOf: number | null;
                            /** @description true: when the assignee’s day ends, handover moves the ticket to someone on shift (routed tickets, or the assignee opted in); false: pinned, it stays with its assignee (assigned by hand) */
                            handOver?: boolean;
                            /** @description handovers between regions since the last public reply */
                            handovers?: number;
                            /** @description same as number */
                            id?: number;
                            lookAgainAt?: string | null;
                            mergedInto?: number | null;
                            number: number;
                            organization: {
                                id: string;
                                name: string;
                            } | null;
                            /** @enum {unknown} */
                            priority: "low" | "normal" | "high" | "urgent";
                            region?: string | null;
                            requester: {
                                email: string;
                                id: string;
                                name: string | null;
                            } | null;
                            severity?: number | null;
                            slaDueAt?: string | null;
                            solvedAt: string | null;
                            /** @enum {unknown} */
                            status: "new" | "open" | "pending" | "on-hold" | "watching" | "solved" | "closed";
                            statusChangedAt?: string;
                            subject: string;
                            tags?: string[];
                            team?: {
                                id: string;
                                name: string;
                            } | null;
                            updatedAt: string;
                            waitingForShiftUntil?: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/tickets/{number}/bundles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A ticket’s log bundles, newest first (customers: state and size, no findings) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                analysedAt: string | null;
                                contentType: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** @description agents only */
                                criticalCount?: number;
                                /** @description whether GET /api/v1/bundles/{id}/file serves it now: its file is kept and, with a virus scan, passed */
                                downloadable: boolean;
                                error: string | null;
                                /** Format: date-time */
                                expiresAt: string;
                                filename: string;
                                /** @description agents only */
                                findingCount?: number;
                                /** Format: uuid */
                                id: string;
                                /** @description share of the bundle read so far */
                                progress: number;
                                size: number;
                                /** @description a resumable upload, a raw body (scripts, the CLI), or a mail attachment */
                                source: "upload" | "api" | "mail";
                                /** @description queued → analysing → done, or failed with `error` */
                                state: "queued" | "analysing" | "done" | "failed";
                                ticketNumber: number;
                                uploadedBy: {
                                    kind: "agent" | "contact" | "system";
                                    name: string;
                                };
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /**
         * Adds a log bundle to a ticket: a finished resumable upload, or a raw body (< 100 MB)
         * @description JSON `{"uploadId"}` claims a finished tus upload (/api/v1/uploads). A raw body with Content-Type application/gzip, application/x-tar or application/octet-stream and `?filename=` is streamed into the storage (scripts, `pipefitter bundle add`). Zip archives and programs are refused (415); the analysis runs in the background.
         */
        post: {
            parameters: {
                query?: {
                    filename?: string;
                };
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            analysedAt: string | null;
                            bucketS?: number;
                            contentType: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description whether GET /api/v1/bundles/{id}/file serves it now: its file is kept and, with a virus scan, passed */
                            downloadable: boolean;
                            endpoints?: {
                                count: number;
                                errorRate: number;
                                meanDbMs?: number;
                                p50Ms: number;
                                p99Ms: number;
                                route: string;
                            }[];
                            error: string | null;
                            errors?: {
                                count: number;
                                firstSeen: string;
                                lastSeen: string;
                                signature: string;
                                spikes?: number[];
                            }[];
                            /** Format: date-time */
                            expiresAt: string;
                            filename: string;
                            files: {
                                badLines: number;
                                bytes: number;
                                /** @description what it was read as (production_json, sidekiq, postgresql, …), skipped or refused */
                                kind: string;
                                lines: number;
                                note?: string;
                                path: string;
                            }[];
                            findings?: {
                                docs?: string;
                                evidence?: {
                                    [key: string]: number | string;
                                };
                                message: string;
                                /** @description the rule’s id: src/diagnostics/rules/<rule>.ts */
                                rule: string;
                                severity: "critical" | "warning" | "info";
                            }[];
                            gitaly?: {
                                count: number;
                                errors: number;
                                p99Ms: number;
                                rpc: string;
                            }[];
                            /** Format: uuid */
                            id: string;
                            notes?: string[];
                            /** @description share of the bundle read so far */
                            progress: number;
                            samples?: {
                                [key: string]: string[];
                            };
                            sidekiq?: {
                                class: string;
                                count: number;
                                failures: number;
                                p99DurationS: number;
                                p99QueueLatencyS: number;
                            }[];
                            size: number;
                            /** @description a resumable upload, a raw body (scripts, the CLI), or a mail attachment */
                            source: "upload" | "api" | "mail";
                            sql?: {
                                count: number;
                                fingerprint: string;
                                meanMs: number;
                                p99Basis?: "samples" | "summary";
                                p99Ms: number;
                                query: string;
                                sources: string[];
                                totalMs: number;
                            }[];
                            /** @description queued → analysing → done, or failed with `error` */
                            state: "queued" | "analysing" | "done" | "failed";
                            stats?: {
                                bytesRead: number;
                                inflatedBytes: number;
                                lines: number;
                                ms: number;
                            };
                            system?: {
                                [key: string]: unknown;
                            };
                            ticketNumber: number;
                            timeline?: {
                                at: string;
                                errors: number;
                                queueDepth?: number;
                                requests: number;
                                sidekiqJobs: number;
                                slowSql: number;
                            }[];
                            top?: {
                                agents: {
                                    count: number;
                                    durationS: number;
                                    key: string;
                                }[];
                                ips: {
                                    count: number;
                                    durationS: number;
                                    key: string;
                                }[];
                                projects: {
                                    count: number;
                                    durationS: number;
                                    key: string;
                                }[];
                                users: {
                                    count: number;
                                    durationS: number;
                                    key: string;
                                }[];
                            };
                            uploadedBy: {
                                kind: "agent" | "contact" | "system";
                                name: string;
                            };
                            window?: {
                                from: string;
                                to: string;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                413: components["responses"]["Error"];
                415: components["responses"]["Error"];
                422: components["responses"]["Error"];
                429: components["responses"]["Error"];
                507: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/call-now": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Call me now (customer, urgent ticket on an on-call plan): pages the on-call engineer with a live room */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent: {
                                email: string;
                                name: string;
                            };
                            customerEmail: string;
                            customerJoinedAt: string | null;
                            customerZone: string | null;
                            emergency: boolean;
                            end: string;
                            /** Format: uuid */
                            id: string;
                            outcomeAt: string | null;
                            outcomeNotes: string | null;
                            start: string;
                            status: "booked" | "cancelled" | "done" | "no-show";
                            ticket: number;
                            type: {
                                id: string;
                                name: string;
                            } | null;
                            videoUrl: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/call-offers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Offers times: posts a signed, expiring booking link in the thread (mailed to the customer) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        message?: string;
                        /** Format: uuid */
                        type: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresAt: string;
                            messageId: number;
                            url: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, SCREAMING_SNAKE error code, e.g. TICKET_NOT_FOUND */
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                            /** @description the next free times, when the slot was taken */
                            nextSlots?: {
                                agent: {
                                    email: string;
                                    name: string;
                                };
                                end: string;
                                start: string;
                            }[];
                        };
                    };
                };
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/call-slots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Free times for a call on this ticket (its agents and its customer), as UTC instants */
        get: {
            parameters: {
                query: {
                    from?: string;
                    to?: string;
                    type: string;
                    /** @description IANA time zone, e.g. Europe/Lisbon */
                    zone?: string;
                };
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            slots: {
                                agent: {
                                    email: string;
                                    name: string;
                                };
                                end: string;
                                start: string;
                            }[];
                            zone: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/call-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Call types that may be booked on this ticket (customers: their plan’s) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                bufferAfterMinutes: number;
                                bufferBeforeMinutes: number;
                                distribution: string;
                                durationMinutes: number;
                                horizonDays: number;
                                hosts: string;
                                /** Format: uuid */
                                id: string;
                                maxPerAgentPerDay: number | null;
                                minNoticeMinutes: number;
                                name: string;
                                plans: string[];
                                region: string | null;
                                skill: string | null;
                                team: string | null;
                                video: string;
                                videoUrlTemplate: string | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/calls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ticket’s calls */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                agent: {
                                    email: string;
                                    name: string;
                                };
                                customerEmail: string;
                                customerJoinedAt: string | null;
                                customerZone: string | null;
                                emergency: boolean;
                                end: string;
                                /** Format: uuid */
                                id: string;
                                outcomeAt: string | null;
                                outcomeNotes: string | null;
                                start: string;
                                status: "booked" | "cancelled" | "done" | "no-show";
                                ticket: number;
                                type: {
                                    id: string;
                                    name: string;
                                } | null;
                                videoUrl: string | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Books a call (an agent, or the ticket’s customer); a taken time answers 409 SLOT_TAKEN with nextSlots */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        agentEmail?: string;
                        /** Format: date-time */
                        start: string;
                        /** Format: uuid */
                        type: string;
                        /** @description IANA time zone, e.g. Europe/Lisbon */
                        zone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent: {
                                email: string;
                                name: string;
                            };
                            customerEmail: string;
                            customerJoinedAt: string | null;
                            customerZone: string | null;
                            emergency: boolean;
                            end: string;
                            /** Format: uuid */
                            id: string;
                            outcomeAt: string | null;
                            outcomeNotes: string | null;
                            start: string;
                            status: "booked" | "cancelled" | "done" | "no-show";
                            ticket: number;
                            type: {
                                id: string;
                                name: string;
                            } | null;
                            videoUrl: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable, SCREAMING_SNAKE error code, e.g. TICKET_NOT_FOUND */
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                            /** @description the next free times, when the slot was taken */
                            nextSlots?: {
                                agent: {
                                    email: string;
                                    name: string;
                                };
                                end: string;
                                start: string;
                            }[];
                        };
                    };
                };
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/ccs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A ticket's CCs, with who copied each and when */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                addedAt: string;
                                addedBy: {
                                    kind: string;
                                    name: string;
                                } | null;
                                contact: {
                                    email: string;
                                    id: string;
                                    name: string | null;
                                };
                                organization: {
                                    id: string;
                                    name: string;
                                } | null;
                                /** @description not of the ticket's organization: they see this ticket, and none other of that organization's */
                                otherOrganization: boolean;
                                via: ("opened" | "added" | "reply" | "merge" | "follow-up" | "accepted") | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /**
         * Copies someone on a ticket (agents, or the ticket’s requester)
         * @description They get its public replies by mail and may read it. An agent may copy someone of another organization: they then see this ticket (and no other of its organization); the audit trail records who did it. A customer copies only colleagues of their organization the desk knows already (CC_NOT_COLLEAGUE otherwise, the same answer for an unknown address and another organization's).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            addedAt: string;
                            addedBy: {
                                kind: string;
                                name: string;
                            } | null;
                            contact: {
                                email: string;
                                id: string;
                                name: string | null;
                            };
                            organization: {
                                id: string;
                                name: string;
                            } | null;
                            /** @description not of the ticket's organization: they see this ticket, and none other of that organization's */
                            otherOrganization: boolean;
                            via: ("opened" | "added" | "reply" | "merge" | "follow-up" | "accepted") | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/ccs/{contactId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Takes someone off a ticket’s CCs (agents, the requester, or the CC themselves) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    contactId: string;
                    number: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/colleagues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A customer copies colleagues of their organization onto a ticket (CCs) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        emails: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignee: {
                                email?: string;
                                id?: string;
                                name: string;
                            } | null;
                            /** @description false opts out of the pending reminder, auto-solve and auto-close */
                            autoClose?: boolean;
                            ccs?: {
                                email: string;
                                id: string;
                                name: string | null;
                            }[];
                            channel: string;
                            closedAt: string | null;
                            createdAt: string;
                            /** @description agents: what the customer sees as the last update (customers see it as updatedAt) */
                            customerUpdatedAt?: string;
                            followUpOf: number | null;
                            /** @description true: when the assignee’s day ends, handover moves the ticket to someone on shift (routed tickets, or the assignee opted in); false: pinned, it stays with its assignee (assigned by hand) */
                            handOver?: boolean;
                            /** @description handovers between regions since the last public reply */
                            handovers?: number;
                            /** @description same as number */
                            id?: number;
                            lookAgainAt?: string | null;
                            mergedInto?: number | null;
                            number: number;
                            organization: {
                                id: string;
                                name: string;
                            } | null;
                            /** @enum {unknown} */
                            priority: "low" | "normal" | "high" | "urgent";
                            region?: string | null;
                            requester: {
                                email: string;
                                id: string;
                                name: string | null;
                            } | null;
                            severity?: number | null;
                            slaDueAt?: string | null;
                            solvedAt: string | null;
                            /** @enum {unknown} */
                            status: "new" | "open" | "pending" | "on-hold" | "watching" | "solved" | "closed";
                            statusChangedAt?: string;
                            subject: string;
                            tags?: string[];
                            team?: {
                                id: string;
                                name: string;
                            } | null;
                            updatedAt: string;
                            waitingForShiftUntil?: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/csat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A ticket’s ratings, one per solve; the requester also gets the latest solve’s rating link token (`current`) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            current: {
                                comment: string | null;
                                /** @description whether it can be rated, or the rating changed, now */
                                open: boolean;
                                openUntil: string;
                                ratedAt: string | null;
                                rating: ("good" | "bad") | null;
                                solvedAt: string;
                                ticket: {
                                    number: number;
                                    subject: string;
                                };
                                token: string;
                            } | null;
                            items: {
                                agent: {
                                    id: string;
                                    name: string;
                                } | null;
                                comment: string | null;
                                ratedAt: string;
                                rating: "good" | "bad";
                                solvedAt: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ticket's audit trail: every change, who made it and when (agents) */
        get: {
            parameters: {
                query: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    limit: number;
                };
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                action: string;
                                actor: {
                                    id: string | null;
                                    kind: string;
                                    name: string;
                                };
                                at: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                id: number;
                                /** @description the event in plain words, e.g. "Ana set priority high → urgent" */
                                summary: string;
                            }[];
                            /** @description pass as cursor for the next page; null at the end */
                            nextCursor: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/fields": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A ticket's custom fields and their values (customers: never the internal ones) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                customerEditable: boolean;
                                description: string | null;
                                internal?: boolean;
                                key: string;
                                label: string;
                                /** @description required and empty (a ticket that came by mail) */
                                missing: boolean;
                                options: string[];
                                required: boolean;
                                /**
                                 * @description text, number, select (one option), multiselect (several), date (YYYY-MM-DD)
                                 * @enum {unknown}
                                 */
                                type: "text" | "number" | "select" | "multiselect" | "date";
                                value: (string | number | string[]) | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Sets a ticket's custom field values (agents)
         * @description Only the keys given change; null or an empty value clears one, unless it is required.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description custom field values by key, e.g. {"deployment": "self-managed", "version": "17.2"} */
                        values: {
                            [key: string]: (string | number | string[]) | null;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                customerEditable: boolean;
                                description: string | null;
                                internal?: boolean;
                                key: string;
                                label: string;
                                /** @description required and empty (a ticket that came by mail) */
                                missing: boolean;
                                options: string[];
                                required: boolean;
                                /**
                                 * @description text, number, select (one option), multiselect (several), date (YYYY-MM-DD)
                                 * @enum {unknown}
                                 */
                                type: "text" | "number" | "select" | "multiselect" | "date";
                                value: (string | number | string[]) | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/tickets/{number}/issue-suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The public issues this ticket may belong to, with the reasons: tickets with the same failure linked before, and the forges’ search for its error signature (shown with what was sent) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customerVersion: string | null;
                            dismissed: number;
                            items: {
                                fixedIn: string | null;
                                forgeId: string;
                                forgeKind: "gitlab" | "github";
                                forgeName: string;
                                key: string;
                                /** @description tickets of ours linked to it already */
                                linkedTickets: number;
                                number: number;
                                project: string;
                                reasons: string[];
                                score: number;
                                state: "open" | "closed";
                                title: string;
                                url: string;
                            }[];
                            notes: string[];
                            /** @description what a search would send (POST …/issue-suggestions/search): shown before it is sent */
                            planned: {
                                forgeName: string;
                                project: string;
                                query: string;
                            }[];
                            /** @description exactly what left the desk for the forge answers shown: the signature’s terms, per project */
                            sent: {
                                forgeName: string;
                                project: string;
                                query: string;
                            }[];
                            signature: {
                                exceptions: {
                                    errorClass: string;
                                    frames: string[];
                                    message: string;
                                }[];
                                jobs: string[];
                                postgresCodes: string[];
                                requests: string[];
                                versions: string[];
                                words: string[];
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/issue-suggestions/dismissals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Not this one: the issue is not suggested for this ticket again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/issue-suggestions/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sends the planned terms (the signature’s, shown first) to the forges’ issue search, and answers the suggestions with what they found */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customerVersion: string | null;
                            dismissed: number;
                            items: {
                                fixedIn: string | null;
                                forgeId: string;
                                forgeKind: "gitlab" | "github";
                                forgeName: string;
                                key: string;
                                /** @description tickets of ours linked to it already */
                                linkedTickets: number;
                                number: number;
                                project: string;
                                reasons: string[];
                                score: number;
                                state: "open" | "closed";
                                title: string;
                                url: string;
                            }[];
                            notes: string[];
                            /** @description what a search would send (POST …/issue-suggestions/search): shown before it is sent */
                            planned: {
                                forgeName: string;
                                project: string;
                                query: string;
                            }[];
                            /** @description exactly what left the desk for the forge answers shown: the signature’s terms, per project */
                            sent: {
                                forgeName: string;
                                project: string;
                                query: string;
                            }[];
                            signature: {
                                exceptions: {
                                    errorClass: string;
                                    frames: string[];
                                    message: string;
                                }[];
                                jobs: string[];
                                postgresCodes: string[];
                                requests: string[];
                                versions: string[];
                                words: string[];
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/issues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Opens an issue in a project from agent-written text (redacted as the preview shows) and links the ticket to it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description: string;
                        /** Format: uuid */
                        forgeId: string;
                        project: string;
                        title: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            link: {
                                assignees: string[];
                                change: {
                                    author: string | null;
                                    mergedAt: string | null;
                                    mergedBy: string | null;
                                    number: number;
                                    title: string | null;
                                    url: string | null;
                                } | null;
                                forge: {
                                    id: string;
                                    kind: string;
                                    name: string;
                                };
                                forgeKind: "gitlab" | "github";
                                id: string;
                                invitedAt: string | null;
                                /** @description issue, or change (a merge/pull request) */
                                kind: string;
                                labels: string[];
                                /** @description when the forge last told us about it */
                                lastHeardAt: string;
                                linkedAt: string;
                                milestone: {
                                    dueDate: string | null;
                                    title: string;
                                } | null;
                                number: number;
                                project: string;
                                release: {
                                    name: string | null;
                                    releasedAt: string | null;
                                    tag: string;
                                    url: string | null;
                                } | null;
                                state: string;
                                /** @description open, scheduled, in-review, delivered, released, closed-without-fix */
                                status: string;
                                title: string;
                                url: string;
                            };
                            removed: {
                                count: number;
                                kind: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                422: components["responses"]["Error"];
                429: components["responses"]["Error"];
                502: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The issues a ticket waits on, with where each fix stands */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                assignees: string[];
                                change: {
                                    author: string | null;
                                    mergedAt: string | null;
                                    mergedBy: string | null;
                                    number: number;
                                    title: string | null;
                                    url: string | null;
                                } | null;
                                forge: {
                                    id: string;
                                    kind: string;
                                    name: string;
                                };
                                forgeKind: "gitlab" | "github";
                                id: string;
                                invitedAt: string | null;
                                /** @description issue, or change (a merge/pull request) */
                                kind: string;
                                labels: string[];
                                /** @description when the forge last told us about it */
                                lastHeardAt: string;
                                linkedAt: string;
                                milestone: {
                                    dueDate: string | null;
                                    title: string;
                                } | null;
                                number: number;
                                project: string;
                                release: {
                                    name: string | null;
                                    releasedAt: string | null;
                                    tag: string;
                                    url: string | null;
                                } | null;
                                state: string;
                                /** @description open, scheduled, in-review, delivered, released, closed-without-fix */
                                status: string;
                                title: string;
                                url: string;
                            } & {
                                /** @description the desk writes back to this forge, so it can count them */
                                canAskDemand: boolean;
                                /** @description the ticket’s organization asked to be counted on the issue */
                                demandAsked: boolean;
                            })[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Links the ticket to a public issue, or a merge/pull request, by its URL */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description tell the customer, with how to follow the issue
                         * @default true
                         */
                        notify?: boolean;
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignees: string[];
                            change: {
                                author: string | null;
                                mergedAt: string | null;
                                mergedBy: string | null;
                                number: number;
                                title: string | null;
                                url: string | null;
                            } | null;
                            forge: {
                                id: string;
                                kind: string;
                                name: string;
                            };
                            forgeKind: "gitlab" | "github";
                            id: string;
                            invitedAt: string | null;
                            /** @description issue, or change (a merge/pull request) */
                            kind: string;
                            labels: string[];
                            /** @description when the forge last told us about it */
                            lastHeardAt: string;
                            linkedAt: string;
                            milestone: {
                                dueDate: string | null;
                                title: string;
                            } | null;
                            number: number;
                            project: string;
                            release: {
                                name: string | null;
                                releasedAt: string | null;
                                tag: string;
                                url: string | null;
                            } | null;
                            state: string;
                            /** @description open, scheduled, in-review, delivered, released, closed-without-fix */
                            status: string;
                            title: string;
                            url: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                422: components["responses"]["Error"];
                429: components["responses"]["Error"];
                502: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/links/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    number: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/links/{id}/demand": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Counts the ticket’s organization among those affected, on the public issue (a number on its labels, never a name) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    number: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/look-alikes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tickets of the last two weeks with the same failure (an exception and message, a failing request) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            because: string | null;
                            /** @description organizations among them, this ticket’s included */
                            organizations: number;
                            tickets: {
                                createdAt: string;
                                /** @description linked to an issue already */
                                linked: boolean;
                                number: number;
                                organization: {
                                    id: string;
                                    name: string;
                                } | null;
                                status: string;
                                subject: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/look-alikes/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Links this ticket and its look-alikes to one issue; each customer is told */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        tickets: number[];
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            failed: {
                                code: string;
                                message: string;
                                number: number;
                            }[];
                            linked: number[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/macros/{id}/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Applies a macro to a ticket: its actions now, its body rendered for the composer
         * @description The actions change the ticket as PATCH /tickets/{number} and the link route would (audit trail, SLA, routing). The answer holds the rendered body; with send: true it is also added as the reply or note at once.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    number: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description also add the body as the message
                         * @default false
                         */
                        send?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the rendered body, Markdown */
                            body: string;
                            internal: boolean;
                            message?: {
                                attachments: {
                                    contentId: string | null;
                                    contentType: string;
                                    filename: string;
                                    id: string;
                                    size: number;
                                    url: string;
                                }[];
                                author: {
                                    agentId?: string | null;
                                    contactId?: string | null;
                                    kind: "contact" | "agent" | "system";
                                    name: string;
                                };
                                channel: string;
                                createdAt: string;
                                /** @description agents only: the mail that carried this message, and whether it went out */
                                delivery?: {
                                    error: string | null;
                                    sentAt: string | null;
                                    /** @enum {unknown} */
                                    state: "queued" | "sent" | "failed";
                                    to: string[];
                                }[];
                                /** @description sanitized HTML, safe to show */
                                html: string;
                                id: number;
                                /** @description an internal note, never shown to customers */
                                internal: boolean;
                                sender?: {
                                    detail: string | null;
                                    verdict: ("pass" | "fail" | "none") | null;
                                } | null;
                                text: string;
                                ticketNumber: number;
                            };
                            ticket: {
                                assignee: {
                                    email?: string;
                                    id?: string;
                                    name: string;
                                } | null;
                                /** @description false opts out of the pending reminder, auto-solve and auto-close */
                                autoClose?: boolean;
                                ccs?: {
                                    email: string;
                                    id: string;
                                    name: string | null;
                                }[];
                                channel: string;
                                closedAt: string | null;
                                createdAt: string;
                                /** @description agents: what the customer sees as the last update (customers see it as updatedAt) */
                                customerUpdatedAt?: string;
                                followUpOf: number | null;
                                /** @description true: when the assignee’s day ends, handover moves the ticket to someone on shift (routed tickets, or the assignee opted in); false: pinned, it stays with its assignee (assigned by hand) */
                                handOver?: boolean;
                                /** @description handovers between regions since the last public reply */
                                handovers?: number;
                                /** @description same as number */
                                id?: number;
                                lookAgainAt?: string | null;
                                mergedInto?: number | null;
                                number: number;
                                organization: {
                                    id: string;
                                    name: string;
                                } | null;
                                /** @enum {unknown} */
                                priority: "low" | "normal" | "high" | "urgent";
                                region?: string | null;
                                requester: {
                                    email: string;
                                    id: string;
                                    name: string | null;
                                } | null;
                                severity?: number | null;
                                slaDueAt?: string | null;
                                solvedAt: string | null;
                                /** @enum {unknown} */
                                status: "new" | "open" | "pending" | "on-hold" | "watching" | "solved" | "closed";
                                statusChangedAt?: string;
                                subject: string;
                                tags?: string[];
                                team?: {
                                    id: string;
                                    name: string;
                                } | null;
                                updatedAt: string;
                                waitingForShiftUntil?: string | null;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Merges this ticket into another (agents)
         * @description Its messages (with their files and mail), links and people move to the target; it closes with mergedInto pointing there, and its customers are told by mail where the conversation continues. Mail to its thread lands on the target. Refused into itself, into a closed ticket, and between two customers (other organizations, or colleagues of an organization that does not share its tickets) unless force: then the messages move as internal notes and nobody of the merged ticket is copied on the target (neither customer reads the other’s conversation). The notice names the target only to those who may read it.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description merge tickets of two customers anyway (their messages move as internal notes) */
                        force?: boolean;
                        /** @description the ticket to merge into */
                        into: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            into: {
                                assignee: {
                                    email?: string;
                                    id?: string;
                                    name: string;
                                } | null;
                                /** @description false opts out of the pending reminder, auto-solve and auto-close */
                                autoClose?: boolean;
                                ccs?: {
                                    email: string;
                                    id: string;
                                    name: string | null;
                                }[];
                                channel: string;
                                closedAt: string | null;
                                createdAt: string;
                                /** @description agents: what the customer sees as the last update (customers see it as updatedAt) */
                                customerUpdatedAt?: string;
                                followUpOf: number | null;
                                /** @description true: when the assignee’s day ends, handover moves the ticket to someone on shift (routed tickets, or the assignee opted in); false: pinned, it stays with its assignee (assigned by hand) */
                                handOver?: boolean;
                                /** @description handovers between regions since the last public reply */
                                handovers?: number;
                                /** @description same as number */
                                id?: number;
                                lookAgainAt?: string | null;
                                mergedInto?: number | null;
                                number: number;
                                organization: {
                                    id: string;
                                    name: string;
                                } | null;
                                /** @enum {unknown} */
                                priority: "low" | "normal" | "high" | "urgent";
                                region?: string | null;
                                requester: {
                                    email: string;
                                    id: string;
                                    name: string | null;
                                } | null;
                                severity?: number | null;
                                slaDueAt?: string | null;
                                solvedAt: string | null;
                                /** @enum {unknown} */
                                status: "new" | "open" | "pending" | "on-hold" | "watching" | "solved" | "closed";
                                statusChangedAt?: string;
                                subject: string;
                                tags?: string[];
                                team?: {
                                    id: string;
                                    name: string;
                                } | null;
                                updatedAt: string;
                                waitingForShiftUntil?: string | null;
                            };
                            /** @description people of the merged ticket not copied on the target: not of the target's organization */
                            notCopied: {
                                email: string;
                                id: string;
                                name: string | null;
                            }[];
                            ticket: {
                                assignee: {
                                    email?: string;
                                    id?: string;
                                    name: string;
                                } | null;
                                /** @description false opts out of the pending reminder, auto-solve and auto-close */
                                autoClose?: boolean;
                                ccs?: {
                                    email: string;
                                    id: string;
                                    name: string | null;
                                }[];
                                channel: string;
                                closedAt: string | null;
                                createdAt: string;
                                /** @description agents: what the customer sees as the last update (customers see it as updatedAt) */
                                customerUpdatedAt?: string;
                                followUpOf: number | null;
                                /** @description true: when the assignee’s day ends, handover moves the ticket to someone on shift (routed tickets, or the assignee opted in); false: pinned, it stays with its assignee (assigned by hand) */
                                handOver?: boolean;
                                /** @description handovers between regions since the last public reply */
                                handovers?: number;
                                /** @description same as number */
                                id?: number;
                                lookAgainAt?: string | null;
                                mergedInto?: number | null;
                                number: number;
                                organization: {
                                    id: string;
                                    name: string;
                                } | null;
                                /** @enum {unknown} */
                                priority: "low" | "normal" | "high" | "urgent";
                                region?: string | null;
                                requester: {
                                    email: string;
                                    id: string;
                                    name: string | null;
                                } | null;
                                severity?: number | null;
                                slaDueAt?: string | null;
                                solvedAt: string | null;
                                /** @enum {unknown} */
                                status: "new" | "open" | "pending" | "on-hold" | "watching" | "solved" | "closed";
                                statusChangedAt?: string;
                                subject: string;
                                tags?: string[];
                                team?: {
                                    id: string;
                                    name: string;
                                } | null;
                                updatedAt: string;
                                waitingForShiftUntil?: string | null;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A ticket's conversation, oldest first (customers never see internal notes) */
        get: {
            parameters: {
                query: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    limit: number;
                };
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attachments: {
                                    contentId: string | null;
                                    contentType: string;
                                    filename: string;
                                    id: string;
                                    size: number;
                                    url: string;
                                }[];
                                author: {
                                    agentId?: string | null;
                                    contactId?: string | null;
                                    kind: "contact" | "agent" | "system";
                                    name: string;
                                };
                                channel: string;
                                createdAt: string;
                                /** @description agents only: the mail that carried this message, and whether it went out */
                                delivery?: {
                                    error: string | null;
                                    sentAt: string | null;
                                    /** @enum {unknown} */
                                    state: "queued" | "sent" | "failed";
                                    to: string[];
                                }[];
                                /** @description sanitized HTML, safe to show */
                                html: string;
                                id: number;
                                /** @description an internal note, never shown to customers */
                                internal: boolean;
                                sender?: {
                                    detail: string | null;
                                    verdict: ("pass" | "fail" | "none") | null;
                                } | null;
                                text: string;
                                ticketNumber: number;
                            }[];
                            /** @description pass as cursor for the next page; null at the end */
                            nextCursor: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /**
         * Adds a public reply or an internal note
         * @description A customer's reply reopens a pending, on-hold, watching or solved ticket; a customer's reply to a closed ticket opens a follow-up ticket (followUp: true).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        attachments?: {
                            /**
                             * Format: byte
                             * @description base64
                             */
                            content: string;
                            contentId?: string;
                            contentType?: string;
                            filename: string;
                        }[];
                        body: string;
                        /**
                         * @description markdown: the body is Markdown (code fences, lists, links, quotes), rendered to safe HTML
                         * @default text
                         * @enum {unknown}
                         */
                        format?: "text" | "markdown";
                        html?: string;
                        /**
                         * @description true: an internal note for agents only
                         * @default false
                         */
                        internal?: boolean;
                        /**
                         * @description false records a public reply without mailing it (imports)
                         * @default true
                         */
                        notify?: boolean;
                        /** @enum {unknown} */
                        status?: "new" | "open" | "pending" | "on-hold" | "watching" | "solved" | "closed";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            followUp: boolean;
                            message: {
                                attachments: {
                                    contentId: string | null;
                                    contentType: string;
                                    filename: string;
                                    id: string;
                                    size: number;
                                    url: string;
                                }[];
                                author: {
                                    agentId?: string | null;
                                    contactId?: string | null;
                                    kind: "contact" | "agent" | "system";
                                    name: string;
                                };
                                channel: string;
                                createdAt: string;
                                /** @description agents only: the mail that carried this message, and whether it went out */
                                delivery?: {
                                    error: string | null;
                                    sentAt: string | null;
                                    /** @enum {unknown} */
                                    state: "queued" | "sent" | "failed";
                                    to: string[];
                                }[];
                                /** @description sanitized HTML, safe to show */
                                html: string;
                                id: number;
                                /** @description an internal note, never shown to customers */
                                internal: boolean;
                                sender?: {
                                    detail: string | null;
                                    verdict: ("pass" | "fail" | "none") | null;
                                } | null;
                                text: string;
                                ticketNumber: number;
                            };
                            ticket: {
                                assignee: {
                                    email?: string;
                                    id?: string;
                                    name: string;
                                } | null;
                                /** @description false opts out of the pending reminder, auto-solve and auto-close */
                                autoClose?: boolean;
                                ccs?: {
                                    email: string;
                                    id: string;
                                    name: string | null;
                                }[];
                                channel: string;
                                closedAt: string | null;
                                createdAt: string;
                                /** @description agents: what the customer sees as the last update (customers see it as updatedAt) */
                                customerUpdatedAt?: string;
                                followUpOf: number | null;
                                /** @description true: when the assignee’s day ends, handover moves the ticket to someone on shift (routed tickets, or the assignee opted in); false: pinned, it stays with its assignee (assigned by hand) */
                                handOver?: boolean;
                                /** @description handovers between regions since the last public reply */
                                handovers?: number;
                                /** @description same as number */
                                id?: number;
                                lookAgainAt?: string | null;
                                mergedInto?: number | null;
                                number: number;
                                organization: {
                                    id: string;
                                    name: string;
                                } | null;
                                /** @enum {unknown} */
                                priority: "low" | "normal" | "high" | "urgent";
                                region?: string | null;
                                requester: {
                                    email: string;
                                    id: string;
                                    name: string | null;
                                } | null;
                                severity?: number | null;
                                slaDueAt?: string | null;
                                solvedAt: string | null;
                                /** @enum {unknown} */
                                status: "new" | "open" | "pending" | "on-hold" | "watching" | "solved" | "closed";
                                statusChangedAt?: string;
                                subject: string;
                                tags?: string[];
                                team?: {
                                    id: string;
                                    name: string;
                                } | null;
                                updatedAt: string;
                                waitingForShiftUntil?: string | null;
                            };
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/presence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Tells the other agents on this ticket that you are writing a reply (send every few seconds) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        activity: "replying";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{number}/sla": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A ticket’s SLA: policy, clocks and due times, and every start, pause, resume, stop, warning and breach */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clocks: {
                                breachedAt: string | null;
                                businessHours: boolean;
                                dueAt: string | null;
                                live: boolean;
                                metric: string;
                                startedAt: string;
                                /** @description running, paused, met or breached */
                                state: string;
                                stoppedAt: string | null;
                                targetMinutes: number;
                                usedMinutes: number;
                                warnAt: string | null;
                            }[];
                            dueAt: string | null;
                            events: {
                                at: string;
                                detail: string;
                                dueAt: string | null;
                                kind: string;
                                metric: string;
                            }[];
                            policy: {
                                businessHours: boolean;
                                firstReplyMinutes: number | null;
                                id: string;
                                name: string;
                                nextReplyMinutes: number | null;
                                pauseOnHold: boolean;
                                periodicUpdateMinutes: number | null;
                                plan: string | null;
                                priority: string | null;
                                resolutionMinutes: number | null;
                            } | null;
                            priority: string;
                            ticket: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Changes many tickets at once, or applies a macro to each (agents)
         * @description Each ticket is changed as if by hand (audit trail, SLA, routing, live updates), one after another; the answer says for each whether it worked. A refused or failing ticket does not stop the others.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        changes?: {
                            addTags?: string[];
                            assignee?: string | null;
                            /** @enum {unknown} */
                            priority?: "low" | "normal" | "high" | "urgent";
                            removeTags?: string[];
                            /** @enum {unknown} */
                            status?: "new" | "open" | "pending" | "on-hold" | "watching" | "solved" | "closed";
                            team?: string | null;
                        };
                        /**
                         * Format: uuid
                         * @description a macro applied to each, its reply sent
                         */
                        macroId?: string;
                        numbers: number[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: number;
                            failed: number;
                            items: {
                                error?: {
                                    code: string;
                                    message: string;
                                };
                                number: number;
                                ok: boolean;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counts tickets matching the same filters as the list */
        get: {
            parameters: {
                query?: {
                    /** @description me, none, on-shift (whoever is at work now), an agent id or email */
                    assignee?: string;
                    /** @description created on or after: a date (UTC) or instant */
                    createdFrom?: string;
                    /** @description created before this instant, or on or before this date */
                    createdTo?: string;
                    /** @description an organization id or name */
                    organization?: string;
                    /** @description one or more priorities, comma-separated */
                    priority?: string;
                    /** @description words in the subject, or a ticket number */
                    q?: string;
                    /** @description a contact id or email */
                    requester?: string;
                    /** @description one or more statuses, comma-separated */
                    status?: string;
                    /** @description tickets with all these tags, comma-separated */
                    tag?: string;
                    /** @description none, a team id or name */
                    team?: string;
                    /** @description updated on or after: a date (UTC) or instant */
                    updatedFrom?: string;
                    /** @description updated before this instant, or on or before this date */
                    updatedTo?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/time-off": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists time off, of one agent or everyone, ending on or after `from` */
        get: {
            parameters: {
                query?: {
                    agent?: string;
                    from?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                agentId: string;
                                from: string;
                                id: string;
                                reason: string | null;
                                to: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Records time off: whole local days, inclusive */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description agent id or email */
                        agent: string;
                        from: string;
                        reason?: string;
                        to: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agentId: string;
                            from: string;
                            id: string;
                            reason: string | null;
                            to: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/time-off/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
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
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists active API tokens (admin); secrets are never shown */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                agentId: string | null;
                                contactEmail?: string | null;
                                contactId: string | null;
                                createdAt: string;
                                expiresAt: string | null;
                                id: string;
                                lastUsedAt: string | null;
                                name: string;
                                /** @description first characters of the secret, to tell tokens apart */
                                prefix: string;
                                role: ("agent" | "lead" | "admin") | null;
                                /** @description the secret; returned only when the token is created */
                                token?: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Creates an API token for an agent role or for one contact (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        agentEmail?: string;
                        /** Format: email */
                        contactEmail?: string;
                        /** Format: date-time */
                        expiresAt?: string;
                        name: string;
                        role?: "agent" | "lead" | "admin";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agentId: string | null;
                            contactEmail?: string | null;
                            contactId: string | null;
                            createdAt: string;
                            expiresAt: string | null;
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                            /** @description first characters of the secret, to tell tokens apart */
                            prefix: string;
                            role: ("agent" | "lead" | "admin") | null;
                            /** @description the secret; returned only when the token is created */
                            token?: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revokes an API token (admin) */
        delete: {
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
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/views": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My views and the shared ones */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                filters: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                name: string;
                                /** @enum {unknown} */
                                scope?: "personal" | "team" | "everyone";
                                /** @description not personal: a team view or everyone’s */
                                shared: boolean;
                                sort: string;
                                team?: {
                                    id: string;
                                    name: string;
                                } | null;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Saves a ticket filter as a view */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        filters: {
                            /** @description me, none, on-shift (whoever is at work now), an agent id or email */
                            assignee?: string;
                            /** @description created on or after: a date (UTC) or instant */
                            createdFrom?: string;
                            /** @description created before this instant, or on or before this date */
                            createdTo?: string;
                            /** @description an organization id or name */
                            organization?: string;
                            /** @description one or more priorities, comma-separated */
                            priority?: string;
                            /** @description words in the subject, or a ticket number */
                            q?: string;
                            /** @description a contact id or email */
                            requester?: string;
                            /** @description one or more statuses, comma-separated */
                            status?: string;
                            /** @description tickets with all these tags, comma-separated */
                            tag?: string;
                            /** @description none, a team id or name */
                            team?: string;
                            /** @description updated on or after: a date (UTC) or instant */
                            updatedFrom?: string;
                            /** @description updated before this instant, or on or before this date */
                            updatedTo?: string;
                        } & {
                            [key: string]: string;
                        };
                        name: string;
                        /** @description visible to every agent (lead) */
                        shared?: boolean;
                        /**
                         * @default -updated
                         * @enum {unknown}
                         */
                        sort?: "updated" | "-updated" | "created" | "-created" | "number" | "-number" | "priority" | "-priority";
                        /** @description a team's id or name: visible to its members */
                        team?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            filters: {
                                [key: string]: unknown;
                            };
                            id: string;
                            name: string;
                            /** @enum {unknown} */
                            scope?: "personal" | "team" | "everyone";
                            /** @description not personal: a team view or everyone’s */
                            shared: boolean;
                            sort: string;
                            team?: {
                                id: string;
                                name: string;
                            } | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/views/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
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
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/views/{id}/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tickets in a view */
        get: {
            parameters: {
                query: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    limit: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                assignee: {
                                    email?: string;
                                    id?: string;
                                    name: string;
                                } | null;
                                /** @description false opts out of the pending reminder, auto-solve and auto-close */
                                autoClose?: boolean;
                                ccs?: {
                                    email: string;
                                    id: string;
                                    name: string | null;
                                }[];
                                channel: string;
                                closedAt: string | null;
                                createdAt: string;
                                /** @description agents: what the customer sees as the last update (customers see it as updatedAt) */
                                customerUpdatedAt?: string;
                                followUpOf: number | null;
                                /** @description true: when the assignee’s day ends, handover moves the ticket to someone on shift (routed tickets, or the assignee opted in); false: pinned, it stays with its assignee (assigned by hand) */
                                handOver?: boolean;
                                /** @description handovers between regions since the last public reply */
                                handovers?: number;
                                /** @description same as number */
                                id?: number;
                                lookAgainAt?: string | null;
                                mergedInto?: number | null;
                                number: number;
                                organization: {
                                    id: string;
                                    name: string;
                                } | null;
                                /** @enum {unknown} */
                                priority: "low" | "normal" | "high" | "urgent";
                                region?: string | null;
                                requester: {
                                    email: string;
                                    id: string;
                                    name: string | null;
                                } | null;
                                severity?: number | null;
                                slaDueAt?: string | null;
                                solvedAt: string | null;
                                /** @enum {unknown} */
                                status: "new" | "open" | "pending" | "on-hold" | "watching" | "solved" | "closed";
                                statusChangedAt?: string;
                                subject: string;
                                tags?: string[];
                                team?: {
                                    id: string;
                                    name: string;
                                } | null;
                                updatedAt: string;
                                waitingForShiftUntil?: string | null;
                            }[];
                            /** @description pass as cursor for the next page; null at the end */
                            nextCursor: string | null;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
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
    schemas: never;
    responses: {
        /** @description Every error has this shape. */
        Error: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    error: {
                        /** @description Stable, SCREAMING_SNAKE error code, e.g. TICKET_NOT_FOUND */
                        code: string;
                        details?: unknown;
                        message: string;
                    };
                };
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
