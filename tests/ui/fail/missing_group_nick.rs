fn main() {
    let _ = group_api::dingtalk::UpdateGroupNickRequest::builder().userid("user123").chatid("chat").build();
}
