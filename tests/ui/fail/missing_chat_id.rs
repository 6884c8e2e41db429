fn main() {
    let _ = group_api::wecom::UpdateCorpGroupChatRequest::builder().user_ids_to_add(["lisi"]).build();
}
