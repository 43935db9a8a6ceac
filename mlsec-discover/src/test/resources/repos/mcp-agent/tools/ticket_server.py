from mcp.server.fastmcp import FastMCP

mcp = FastMCP("ticket-db")


@mcp.tool()
def lookup(ticket_id: str) -> str:
    return "ticket " + ticket_id
