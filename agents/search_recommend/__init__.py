"""The search & recommend agent: multimodal catalog search, follow-ups, feedback and recommendations.

Importing this package registers ``SearchRecommendAgent`` under the name ``search_recommend``.
"""
from agents.search_recommend.agent import SearchRecommendAgent, SearchRecommendConfig
from agents.search_recommend.engine import EngineConfig, SearchSpec
from agents.search_recommend.mmr import mmr
from agents.search_recommend.parse import CatalogVocabulary, ParsedQuery, parse_query
from agents.search_recommend.results import ResultItem, SearchResults

__all__ = ["CatalogVocabulary", "EngineConfig", "ParsedQuery", "ResultItem", "SearchRecommendAgent",
           "SearchRecommendConfig", "SearchResults", "SearchSpec", "mmr", "parse_query"]
