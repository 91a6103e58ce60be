/** The organisers' web pages: server-rendered views over the same services and rules as the API. */
package org.convene.scheduler.web;
