graph [
  directed 1
  name "flow"
  node [
    id 0
    label "a"
  ]
  node [
    id 1
    label "b"
  ]
  node [
    id 2
    label "c"
  ]
  edge [
    source 0
    target 1
    weight 1.5
    label "x"
  ]
  edge [
    source 1
    target 2
    when "2026-01-01"
  ]
]
