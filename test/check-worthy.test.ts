import { describe, expect, it } from 'vitest';
import { assessWorthiness, isTitleCase } from '../src/check/worthy.js';

const assess = (text: string, kind: 'paragraph' | 'heading' = 'paragraph') => assessWorthiness({ text, kind });

describe('check-worthiness', () => {
  it.each([
    ['The market will reach $15.7 trillion by 2030.', 'quantity'],
    ['Satisfaction rose to 95 percent among testers.', 'quantity'],
    ['Inference became three times cheaper for the team.', 'quantity'],
    ['The post went online on a Monday in late February.', 'date'],
    ['According to the blog, the idea is brand new.', 'attribution'],
    ['The lead researcher said the idea is brand new.', 'attribution'],
    ['The survey found that most users like assistants.', 'attribution'],
    ['A team at Anthropic proposed a new way to see assistants.', 'named'],
    ['Chatbots are more polite than most customer agents.', 'comparison'],
    ['Heavy post-training leads to broader misbehaviour.', 'causal'],
  ])('%s → worthy (%s)', (text, reason) => {
    const w = assess(text);
    expect(w.worthy).toBe(true);
    expect(w.reasons).toContain(reason);
  });

  it.each([
    ['What is the persona selection model?', 'question'],
    ['Latest Update', 'fragment'],
    ['I think the whole idea is fascinating and worth a look.', 'opinion'],
    ['Imagine chatting with Claude late at night.', 'opinion'],
    ['Persona Selection Model Explained For Busy Business Leaders', 'title'],
  ])('%s → not worthy (%s)', (text, veto) => {
    const w = assess(text);
    expect(w).toMatchObject({ worthy: false, veto });
  });

  it('finds nothing to check in plain scene-setting', () => {
    expect(assess('The kettle was boiling and the office was quiet.')).toEqual({ worthy: false, reasons: [], veto: null });
  });

  it('keeps strong reasons in an opinion, but drops weak ones', () => {
    expect(assess('I think Anthropic published the post in 2024.')).toMatchObject({ worthy: true, reasons: ['date', 'attribution'] });
    expect(assess('Honestly, assistants are better than Google at this.').worthy).toBe(false);
  });

  it('treats headings as titles: only dates make them worth checking', () => {
    expect(assess('Five insights on the model', 'heading').worthy).toBe(false);
    expect(assess('Anthropic published its model in February 2024', 'heading')).toMatchObject({ worthy: true, reasons: ['date'] });
    expect(isTitleCase('Why Claude Feels Human: Key Insights and Business Implications')).toBe(true);
    expect(isTitleCase('Why the model feels human to most users today.')).toBe(false);
  });
});
