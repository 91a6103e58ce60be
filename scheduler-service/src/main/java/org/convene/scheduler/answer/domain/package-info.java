/**
 * The rules of answers: which reply counts, who is a party crasher, how answers are tallied and
 * whether the meeting will be quorate. Plain Java, no infrastructure.
 */
package org.convene.scheduler.answer.domain;
