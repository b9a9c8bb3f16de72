-- What each score 1-5 means for a criterion, shown to reviewers while they score (issue 12.3). Empty means the
-- generic meaning (1 very weak … 5 very strong) is shown. RubricDefaults fills the default criteria's levels.
ALTER TABLE rubric_criterion ADD COLUMN level_descriptions text[] NOT NULL DEFAULT '{}';
ALTER TABLE rubric_criterion ADD CONSTRAINT ck_rubric_criterion_levels
    CHECK (cardinality(level_descriptions) IN (0, 5));
