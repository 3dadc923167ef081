/**
 * Pure mapping from what the controller knows (Upgrade resources, journals, decisions, snapshots)
 * to the REST API's records. Nothing here does I/O or reads a clock: "now" is passed in.
 */
package io.hvst.controller.api.assemble;
