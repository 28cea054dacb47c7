"""Agents: the ``Agent`` base class, the typed ``Reply``, and the registry of installed agents."""
from agents.base import Agent, AgentConfig, AgentRequest, Reply, ReplyData, Turn
from agents.context import AgentContext, FeedbackService
from agents.registry import ENTRY_POINT_GROUP, UnknownAgentError, available, get, register

__all__ = ["ENTRY_POINT_GROUP", "Agent", "AgentConfig", "AgentContext", "FeedbackService", "AgentRequest", "Reply", "ReplyData", "Turn",
           "UnknownAgentError", "available", "get", "register"]
