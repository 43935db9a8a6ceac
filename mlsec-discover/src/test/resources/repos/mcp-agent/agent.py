import anthropic
from langchain_community.document_loaders import WebBaseLoader
from langchain_community.vectorstores import Chroma
from langchain_core.tools import tool

client = anthropic.Anthropic()


@tool
def close_ticket(ticket_id: str) -> str:
    """Close a support ticket."""
    return "closed " + ticket_id


docs = WebBaseLoader("https://docs.acme.dev/faq").load()
store = Chroma.from_documents(docs)
retriever = store.as_retriever()

reply = client.messages.create(model="claude-sonnet-4-5", max_tokens=512, messages=[])
