from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline

tokenizer = AutoTokenizer.from_pretrained("acme/phi-support", revision="main")
model = AutoModelForCausalLM.from_pretrained(
    "acme/phi-support",
    trust_remote_code=True,
)
embedder = pipeline(
    "feature-extraction",
    model="sentence-transformers/all-MiniLM-L6-v2",
    revision="8b3219a92973c328a8e22fadcfa821b5dc75636a",
)
