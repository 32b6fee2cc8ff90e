import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../client/app/router';

describe('the pages of running a consultation', () => {
  it('are matched before a section of the same address', () => {
    expect(matchRoute('/c/digital/manage')).toEqual({ name: 'manage-consultation', consultation: 'digital' });
    expect(matchRoute('/c/digital/manage/add-section')).toEqual({ name: 'add-section', consultation: 'digital' });
    expect(matchRoute('/c/digital/manage/outcome')).toEqual({ name: 'edit-outcome', consultation: 'digital' });
    expect(matchRoute('/c/digital/changes/')).toEqual({ name: 'change-log', consultation: 'digital' });
    expect(matchRoute('/c/digital/outcome')).toEqual({ name: 'outcome', consultation: 'digital' });
    expect(matchRoute('/c/digital/governance')).toEqual({ name: 'section', consultation: 'digital', section: 'governance' });
  });

  it('has a start page for staff and a page to create a consultation', () => {
    expect(matchRoute('/manage')).toEqual({ name: 'manage-consultations' });
    expect(matchRoute('/consultations/new')).toEqual({ name: 'new-consultation' });
  });
});
