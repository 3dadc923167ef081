/**
 * The REST API's response bodies: immutable records, documented for the OpenAPI document. Every
 * field is always present (null when unknown), so clients can rely on one shape.
 */
package io.hvst.controller.api.dto;
