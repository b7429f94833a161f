"""The services' own rules, by entity, as an import applies them.

``COLUMN_RULES`` judge each given cell value of a column (``Rules.column_failures``);
``RECORD_RULES`` judge what needs the whole record once it is matched: required values and rules
across fields (``Rules.record_failures``). Together they are the checks the services make.
"""

from tracker.excel.field_types import Entity
from tracker.portfolio.commodity_prices import COMMODITY_PRICE_RULES
from tracker.portfolio.expected_studies import EXPECTED_STUDY_RULES
from tracker.portfolio.fx_rates import FX_RATE_RULES
from tracker.portfolio.prices import SHARE_PRICE_RULES
from tracker.portfolio.watchlists import WATCHLIST_RULES
from tracker.services.companies import COMPANY_RULES
from tracker.services.deals import DEAL_RULES, OBLIGATION_RULES, STATUS_RULES, STEP_RULES
from tracker.services.events import EVENT_RULES, SOURCE_RULES
from tracker.services.holdings import HOLDING_RULES
from tracker.services.projects import INTEREST_RULE, PROJECT_RULES, STAGE_RULES
from tracker.services.sensitivities import SENSITIVITY_RULES
from tracker.services.studies import PRICE_RULES, RESOURCE_RULES, STUDY_FIGURE_RULES
from tracker.services.transactions import TRANSACTION_RULES
from tracker.validation import Rules

RECORD_RULES: dict[Entity, Rules] = {
    Entity.COMPANY: COMPANY_RULES,
    Entity.PROJECT: PROJECT_RULES,
    Entity.PROJECT_STAGE: STAGE_RULES,
    # A study without its discount rate is kept: its rate is "not stated".
    Entity.STUDY: STUDY_FIGURE_RULES,
    Entity.STUDY_PRICE: PRICE_RULES,
    Entity.STUDY_SENSITIVITY: SENSITIVITY_RULES,
    Entity.RESOURCE: RESOURCE_RULES,
    Entity.DEAL: DEAL_RULES,
    Entity.DEAL_STEP: STEP_RULES,
    Entity.DEAL_OBLIGATION: OBLIGATION_RULES,
    Entity.DEAL_STATUS: STATUS_RULES,
    Entity.EVENT: Rules(*EVENT_RULES.rules, *SOURCE_RULES.rules),
    Entity.HOLDING: HOLDING_RULES,
    Entity.TRANSACTION: TRANSACTION_RULES,
    Entity.SHARE_PRICE: SHARE_PRICE_RULES,
    Entity.FX_RATE: FX_RATE_RULES,
    Entity.COMMODITY_PRICE: COMMODITY_PRICE_RULES,
    Entity.EXPECTED_STUDY: EXPECTED_STUDY_RULES,
    Entity.WATCHLIST: WATCHLIST_RULES,
}
COLUMN_RULES: dict[Entity, Rules] = {
    **RECORD_RULES,
    # An owner's interest sits on the project's row but belongs to the ownership.
    Entity.PROJECT: Rules(*PROJECT_RULES.rules, INTEREST_RULE),
}
