import { byRegion, CE_STAGE_NAMES, COMPONENT_STAGE } from '../../shared/domain/vocabulary';

/** The course's own words (the FAQ and the competency model): what Connecticut certifies, and under which stage. */
describe("the course's vocabulary", () => {
  it('names the three stages Connecticut certifies', () => {
    expect(CE_STAGE_NAMES).toEqual({
      discovery: 'Discovery',
      'job-development': 'Job Development, Negotiation & Placement',
      'post-employment': 'Post-Employment Supports',
    });
  });

  it("maps the competency model's four components onto those stages", () => {
    expect(COMPONENT_STAGE).toEqual({
      discovery: 'discovery',
      'job-search-planning': 'discovery',
      'job-development-negotiation': 'job-development',
      'post-placement-support': 'post-employment',
    });
  });

  it('builds one value per DDS region', () => {
    expect(byRegion((region) => region.toUpperCase())).toEqual({ North: 'NORTH', South: 'SOUTH', West: 'WEST' });
  });
});
