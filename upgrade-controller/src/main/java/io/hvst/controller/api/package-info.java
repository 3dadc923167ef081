/**
 * The read-only REST API ({@code /api/v1}): Upgrade status and dry-run plans, served from the
 * informer caches and the journal store only, with RFC 9457 problem details for errors.
 */
package io.hvst.controller.api;
